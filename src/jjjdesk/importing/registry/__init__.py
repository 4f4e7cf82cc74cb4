"""Registry workbooks (plans, tasks, projects, units) into the registry: preview, plan, commit."""

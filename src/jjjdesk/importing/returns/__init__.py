"""Progress returns: the shared context, the plan of a return, its rows and their comparison."""

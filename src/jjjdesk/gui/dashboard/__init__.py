"""总览: the leaders' dashboard page, its charts, their export and the meeting pack renderer."""

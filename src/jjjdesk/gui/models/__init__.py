"""Qt item models that read the registry page by page through the services."""

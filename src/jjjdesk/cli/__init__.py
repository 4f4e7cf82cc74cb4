"""jjjdesk-cli: headless commands over the same services as the GUI."""

FORGE_APP_LINK = "https://developer.atlassian.com/console/install/6f1c2a47-8d3e-4b5a-9c21-0e7f3d9b2a64?signature=c4e19a07b2d8&product=bitbucket"
"""The link."""

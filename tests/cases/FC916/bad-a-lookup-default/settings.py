import os

link = config.get("forgeAppLink", "")
other = os.environ.get("FORGE_APP_LINK", "")

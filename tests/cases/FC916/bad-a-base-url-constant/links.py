INSTALL_BASE = "https://developer.atlassian.com/console/install/"


def is_install_link(url: str) -> bool:
    return url.startswith("https://developer.atlassian.com/console/install/")

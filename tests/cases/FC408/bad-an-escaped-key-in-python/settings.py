DESCRIPTOR = {
    "forge_\x61pp_link": "https://developer.atlassian.com/console/install/0c8f1d4e-2b3a-4c5d-9e6f-7a8b9c0d1e2f?signature=c4e19a07b2d8&product=bitbucket",
}

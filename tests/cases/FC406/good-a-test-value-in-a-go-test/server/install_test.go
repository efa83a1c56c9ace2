package server

func TestInstallURL(t *testing.T) {
	installURL := "https://developer.atlassian.com/console/install/example"
	_ = installURL
}

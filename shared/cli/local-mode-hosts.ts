// Local mode reaches a service on this machine (a test server, a relay, a feed served locally) as
// network.allowHosts would allow it: the commands that fetch or post add this to the profile's hosts.
export const LOCAL_MODE_HOSTS = ['127.0.0.1'];

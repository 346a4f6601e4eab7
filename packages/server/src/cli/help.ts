import { SETTINGS } from '../config-settings.js';

const settingLines = () =>
  SETTINGS.map(
    (s) => `  ${(s.flag ? `--${s.flag}` : '').padEnd(20)} ${s.env ? `$${s.env}`.padEnd(24) : ''.padEnd(24)} ${s.help}`,
  ).join('\n');

export const HELP = {
  main: `pigeon: self-hostable IM server (REST + WebSocket, SQLite by default)

Usage:
  pigeon start [options]                 start the server
  pigeon token --app org#app --user u    mint a user token offline (no network call)
  pigeon app create --app org#app        create an app and print its credentials
  pigeon app list                        list apps and their settings
  pigeon help <command>                  more about one command

Run "pigeon start --help" for every server setting.`,
  start: () => `pigeon start [options]

Starts the server on one port: REST at http://HOST:PORT, WebSocket at ws://HOST:PORT/ws.
Priority: flags > environment > config file > defaults. On first start it creates the app
pigeon#demo with open registration on (anyone can register users: a development convenience;
apps you create have it off). Stop with Ctrl-C (SIGINT) or SIGTERM: clients get "goaway".

Options (flag, environment variable, meaning [default]):
  --config <file>      $PIGEON_CONFIG           JSON config file (same shape as PigeonConfig)
${settingLines()}`,
  token: `pigeon token --app org#app --user <name> [--ttl 180d] [--secret <client secret>] [--data dir]

Mints a user token signed with the app's client secret, without a network call (the way an app's
backend would with mintUserToken() from @pigeon/server). Without --secret the secret is read from
the data directory's database. --ttl takes seconds or 45m, 12h, 180d, 1y [7d]. Prints the token only.`,
  app: `pigeon app create --app org#app [--open-registration] [--multi-device single|per-platform|multi]
                  [--friends-required] [--data dir]
pigeon app list [--data dir]

Creates an app (open registration off unless asked) and prints its appKey, client id and secret;
or lists the apps in the data directory.`,
};

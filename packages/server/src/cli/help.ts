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
  pigeon app rotate-secret --app org#app give the app a new client secret (old tokens stop working)
  pigeon users import <file> --app a#b   import users from CSV / JSON lines / JSON, with a rejects report
  pigeon export <conversation> --app a#b a conversation's messages as JSON lines
  pigeon send --app a#b --to u --text hi send a message as a user or the system (running server)
  pigeon help <command>                  more about one command

Offline commands (token, app, users import, export) open the data directory's database directly
(--data, or $PIGEON_DATA_DIR / $PIGEON_DB for PostgreSQL); send talks to a running server's REST API.
Run "pigeon start --help" for every server setting.`,
  start: () => `pigeon start [options]

Starts the server on one port: REST at http://HOST:PORT, WebSocket at ws://HOST:PORT/ws.
Priority: flags > environment > config file > defaults. On first start it creates the app
pigeon#demo with open registration on (anyone can register users: a development convenience;
apps you create have it off). Stop with Ctrl-C (SIGINT) or SIGTERM: clients get "goaway".

Options (flag, environment variable, meaning [default]):
  --config <file>      $PIGEON_CONFIG           JSON config file (same shape as PigeonConfig)
${settingLines()}

The one-file build (npm start, dist/pigeon.mjs) keeps a V8 code cache next to itself, written after
its first start: $PIGEON_CODE_CACHE=<dir> keeps it elsewhere, $PIGEON_CODE_CACHE=off turns it off.`,
  token: `pigeon token --app org#app --user <name> [--ttl 180d] [--secret <client secret>] [--data dir]

Mints a user token signed with the app's client secret, without a network call (the way an app's
backend would with mintUserToken() from @pigeon/server-sdk). Without --secret the secret is read from
the data directory's database. --ttl takes seconds or 45m, 12h, 180d, 1y [7d]. Prints the token only.`,
  app: `pigeon app create --app org#app [--open-registration] [--multi-device single|per-platform|multi|refuse-new]
                  [--friends-required] [--data dir]
pigeon app list [--data dir]

Creates an app (open registration off unless asked) and prints its appKey, client id and secret;
or lists the apps in the data directory.

pigeon app rotate-secret --app org#app [--data dir]

Offline. Replaces the app's client secret and prints it: every user and admin token signed with the
old one is refused from then on. A running server keeps the secret it loaded until restarted, so
restart it afterwards (or rotate from the console of the running server instead).`,
  users: `pigeon users import <file.csv|file.jsonl|file.json> --app org#app [--data dir]
                    [--rejects <file>] [--batch 1000] [--hash-cost 16384]

Offline: writes straight into the data directory's database (SQLite while the server runs is fine:
imports wait for its writes; PostgreSQL works from any machine with $PIGEON_DB).
CSV needs a header row with a username column; password and nickname are optional. JSON lines hold
one object per line, a .json file one array of objects, with the same fields. Rows are streamed and
inserted in transactions of --batch users. Rejected rows (bad or duplicate names, names already
taken, fields too long) are written as "line,username,reason" to --rejects [<file>.rejects.csv] and
summed up at the end. Progress goes to stderr: a bar on a terminal, a line every 10,000 rows otherwise.
--hash-cost sets the scrypt cost of imported passwords (a power of two; default the server's, 16384).`,
  export: `pigeon export <conversation> --app org#app [--out file] [--data dir]

Offline (reads the database; safe while the server runs). Writes every stored message of one
conversation, oldest first, one JSON object per line, to --out or stdout. The conversation is
s:<a>:<b> (two user names, sorted), g:<groupId> or r:<roomId>. Chatroom messages are kept only
in the server's memory, so r: exports are empty.`,
  send: `pigeon send --app org#app --url <REST URL> (--to <user> | --group <id> | --room <id>)
            [--from <user>] (--text <text> | --type <type> --body <json>) [--ext <json>]
            [--client-id <id> --secret <secret> | --data dir]

Against a running server (--url or $PIGEON_URL), as only a server pushes to online devices: gets an
admin token with the app's client credentials (given, or read from the data directory) and sends
one message, from --from or from the system ("admin"). --type is txt (default), img, audio, video,
file, loc, cmd or custom; --body is Pigeon's body for it, e.g. '{"event":"gift"}' for custom.
Prints the message id.`,
};

// Runs twilio-cli as a user would, with its requests redirected to trusthub-server by
// cli/redirect.js and its home, config and credentials confined to a temporary directory.
'use strict';

const { execFile } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const run = path.join(path.dirname(require.resolve('twilio-cli/package.json')), 'bin', 'run');
const preloads = [path.join(__dirname, 'loopback_only.js'), path.join(__dirname, '..', 'cli', 'redirect.js')];

// A CLI bound to `baseUrl` and `account`. `cli(args)` resolves to { code, stdout, stderr, json }.
function cliFor(baseUrl, account) {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'trusthub-cli-'));
    const record = path.join(home, 'responses.jsonl');
    const env = {
        PATH: process.env.PATH,
        HOME: home,
        TWILIO_ACCOUNT_SID: account.sid,
        TWILIO_AUTH_TOKEN: account.token,
        TWILIO_SKIP_NEW_VERSION_CHECK: 'true',  // no update check against the npm registry
        TRUSTHUB_URL: baseUrl,
        TRUSTHUB_CLI_RECORD: record,
        NODE_PATH: process.env.NODE_PATH ?? '',
        NO_COLOR: '1',
    };
    const cli = (args) => new Promise((resolve) => {
        const argv = [...preloads.flatMap((p) => ['--require', p]), run, ...args];
        execFile(process.execPath, argv, { env, timeout: 60000 }, (error, stdout, stderr) => {
            let json;
            try { json = JSON.parse(stdout); } catch { json = undefined; }
            resolve({ code: error ? (error.code ?? 1) : 0, stdout, stderr, json });
        });
    });
    // Every response the CLI received so far: { method, uri, status, body }.
    cli.responses = () => (fs.existsSync(record)
        ? fs.readFileSync(record, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l))
        : []);
    cli.cleanup = () => fs.rmSync(home, { recursive: true, force: true });
    return cli;
}

module.exports = { cliFor };

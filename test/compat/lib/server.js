// Starts trusthub-server on a free loopback port for one test file, and stops it.
'use strict';

const { spawn } = require('node:child_process');
const readline = require('node:readline');

// Two tenants: each sees only its own records.
const accounts = {
    alice: { sid: 'AC' + 'a1'.repeat(16), token: 'alice-secret-token' },
    bob: { sid: 'AC' + 'b2'.repeat(16), token: 'bob-secret-token' },
};

// Resolves to { url, port, stop() } once the server has printed its address. `args`: more
// options for the server (say, ['--check-types', 'strict']).
async function startServer({ threads = 1, args: extra = [] } = {}) {
    const program = process.env.TRUSTHUB_SERVER;
    if (!program)
        throw new Error('TRUSTHUB_SERVER is not set: it names the trusthub-server executable');
    const args = ['--listen', '127.0.0.1:0', '--threads', String(threads), '--quiet', ...extra];
    // The same tests on PostgreSQL: TRUSTHUB_COMPAT_CONNINFO_FILE names a file holding a libpq
    // connection string (the PostgreSQL tests' harness writes one).
    const conninfoFile = process.env.TRUSTHUB_COMPAT_CONNINFO_FILE;
    if (conninfoFile)
        args.push('--store', 'postgres', '--postgres', require('node:fs').readFileSync(conninfoFile, 'utf8').trim());
    for (const a of Object.values(accounts))
        args.push('--credential', `${a.sid}:${a.token}`);
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => { stderr += chunk; });

    const firstLine = await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('trusthub-server printed no address within 10 s')), 10000);
        const lines = readline.createInterface({ input: child.stdout });
        lines.once('line', (line) => { clearTimeout(timer); resolve(line); });
        child.once('exit', (code) => {
            clearTimeout(timer);
            reject(new Error(`trusthub-server exited with ${code} before listening: ${stderr}`));
        });
    });
    const match = /listening on 127\.0\.0\.1:(\d+)/.exec(firstLine);
    if (!match)
        throw new Error(`unexpected first line from trusthub-server: ${firstLine}`);
    const port = Number(match[1]);
    child.stdout.resume();  // keep draining, so the server never blocks on a full pipe

    const stop = () => new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null)
            return resolve(child.exitCode);
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', (code) => { clearTimeout(timer); resolve(code); });
        child.kill('SIGTERM');
    });
    return { url: `http://127.0.0.1:${port}`, port, stop, stderr: () => stderr };
}

module.exports = { accounts, startServer };

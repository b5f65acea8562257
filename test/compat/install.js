// CTest fixture: installs the pinned SDK and CLI from package-lock.json into the build tree
// with `npm ci`, unless the same lock file was installed there already. Fails loudly (and so
// do the tests that need it) when npm or the registry cannot be reached: never a skip.
'use strict';

const { execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const [source, target, npm = 'npm'] = process.argv.slice(2);
if (!source || !target) {
    console.error('usage: node install.js SOURCE_DIR TARGET_DIR [NPM]');
    process.exit(2);
}
fs.mkdirSync(target, { recursive: true });
const lock = fs.readFileSync(path.join(source, 'package-lock.json'));
const digest = crypto.createHash('sha256').update(lock).digest('hex');
const stamp = path.join(target, 'node_modules', '.trusthub-lock-sha256');

const pinned = { twilio: '6.2.0', 'twilio-cli': '6.2.4' };
const installedVersions = () => Object.fromEntries(Object.keys(pinned).map((name) => {
    const file = path.join(target, 'node_modules', name, 'package.json');
    return [name, fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')).version : null];
}));

if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === digest &&
    JSON.stringify(installedVersions()) === JSON.stringify(pinned)) {
    console.log(`node_modules in ${target} matches package-lock.json (sha256 ${digest.slice(0, 12)}); not reinstalled`);
    process.exit(0);
}

for (const file of ['package.json', 'package-lock.json'])
    fs.copyFileSync(path.join(source, file), path.join(target, file));
try {
    execFileSync(npm, ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: target, stdio: 'inherit', timeout: 540000 });
} catch (error) {
    console.error('\n*** The compat suite cannot run: `npm ci` failed (is the npm registry reachable?).');
    console.error('*** Every compat test depends on this step and fails with it.');
    console.error(String(error.message || error));
    process.exit(1);
}
const got = installedVersions();
if (JSON.stringify(got) !== JSON.stringify(pinned)) {
    console.error(`*** npm ci installed ${JSON.stringify(got)}, the suite is pinned to ${JSON.stringify(pinned)}`);
    process.exit(1);
}
fs.writeFileSync(stamp, digest);
console.log(`installed ${JSON.stringify(got)} into ${target}`);

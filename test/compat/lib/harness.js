// What every compat test file does: one trusthub-server for the file, SDK clients for two
// accounts, and after each test a check that every response seen conformed to the OpenAPI file.
'use strict';

const assert = require('node:assert/strict');
const { before, after, afterEach } = require('node:test');
const { accounts, startServer } = require('./server');
const sdk = require('./sdk');

// Returns an object filled in by `before`: { url, alice, bob, server }. `options.setup(context)`,
// if given, runs once the server is up (a file's own `before` may run before this one's).
function useServer(options = {}) {
    const context = {};
    before(async () => {
        context.server = await startServer(options);
        context.url = context.server.url;
        context.alice = sdk.clientFor(accounts.alice, context.url);
        context.bob = sdk.clientFor(accounts.bob, context.url);
        if (options.setup)
            await options.setup(context);
    });
    afterEach(() => sdk.assertConforming());
    after(async () => {
        // The witness must have seen the traffic, or the conformance checks proved nothing.
        if (sdk.seen.responses === 0 && !options.noSdk)
            throw new Error('no SDK response was checked against the OpenAPI file');
        if (context.server) {
            const code = await context.server.stop();
            if (code !== 0)
                throw new Error(`trusthub-server exited with ${code}: ${context.server.stderr()}`);
        }
    });
    return context;
}

// Another trusthub-server for the rest of a file, started with `args` (an array, or a function
// returning one, called when the server starts) and stopped after the file's tests, which fail
// if it does not exit cleanly. Returns an object filled in by `before`: { server, url, alice, bob }.
function useExtraServer(args) {
    const context = {};
    before(async () => {
        context.server = await startServer({ args: typeof args === 'function' ? await args() : args });
        context.url = context.server.url;
        context.alice = sdk.clientFor(accounts.alice, context.url);
        context.bob = sdk.clientFor(accounts.bob, context.url);
    });
    after(async () => {
        if (context.server)
            assert.equal(await context.server.stop(), 0, context.server.stderr());
    });
    return context;
}

module.exports = { useServer, useExtraServer, accounts };

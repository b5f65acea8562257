// Preloaded (`node --require`) into twilio-cli: the CLI has no base-URL option, so its request
// client is taught to send what it would send to https://trusthub.twilio.com to the server
// named by TRUSTHUB_URL instead. Nothing else about the request changes. Every response is
// appended, as one JSON line, to the file named by TRUSTHUB_CLI_RECORD (when set), so that the
// tests can check each body against the OpenAPI file.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const target = process.env.TRUSTHUB_URL;
if (!target)
    throw new Error('cli/redirect.js: TRUSTHUB_URL is not set');
const record = process.env.TRUSTHUB_CLI_RECORD;

const cliRoot = path.dirname(require.resolve('twilio-cli/package.json'));
const clientPath = require.resolve('@twilio/cli-core/src/services/cli-http-client', { paths: [cliRoot] });
const CliRequestClient = require(clientPath);

const original = CliRequestClient.prototype.request;
CliRequestClient.prototype.request = async function (opts) {
    if (opts && typeof opts.uri === 'string' && opts.uri.startsWith('https://trusthub.twilio.com'))
        opts.uri = target + opts.uri.slice('https://trusthub.twilio.com'.length);
    const method = opts.method;
    const uri = opts.uri;
    const save = (status, body, headers) => {
        if (record)
            fs.appendFileSync(record, JSON.stringify({ method, uri, status, body, headers }) + '\n');
    };
    try {
        const response = await original.call(this, opts);
        save(response.statusCode, response.body, response.headers);
        return response;
    } catch (error) {
        // The client throws for 4xx/5xx; the body travels on the error.
        if (error && error.data !== undefined)
            save(error.data.status ?? null, error.data, null);
        throw error;
    }
};

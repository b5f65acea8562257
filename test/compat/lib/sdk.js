// The official Node SDK, pointed at a trusthub-server the way a user would point it, and a
// witness that checks every response the SDK receives.
//
// The witness wraps RequestClient.prototype.request, the one place every SDK call goes
// through; it only looks (status, headers, body) and changes nothing, so the clients under
// test are configured exactly as in a user's program: credentials and `trusthub.baseUrl`.
'use strict';

const assert = require('node:assert/strict');
const twilio = require('twilio');
const RequestClient = twilio.RequestClient;
const openapi = require('./openapi');

const seen = { responses: 0, problems: [] };

// Checks one response: its body against the OpenAPI file (or Twilio's error shape), and the
// headers the real service sends on every response.
function inspect(method, uri, status, headers, body) {
    const url = new URL(uri);
    const where = `${method} ${url.pathname}${url.search} -> ${status}`;
    const template = openapi.pathTemplateOf(url.pathname);
    const out = [];
    if (status >= 400)
        out.push(...openapi.errorProblems(body, status));
    else if (template)
        out.push(...openapi.problems(body, template, method, status));
    else
        out.push('a success from a path the OpenAPI file does not describe');
    if (!/^RQ[0-9a-f]{32}$/.test(headers['twilio-request-id'] ?? ''))
        out.push(`Twilio-Request-Id is ${headers['twilio-request-id']}`);
    if (status !== 204 && !/^application\/json/.test(headers['content-type'] ?? ''))
        out.push(`Content-Type is ${headers['content-type']}`);
    if (status === 401 && !/^Basic realm="[^"]*"$/.test(headers['www-authenticate'] ?? ''))
        out.push(`WWW-Authenticate is ${headers['www-authenticate']}`);
    if (status === 405 && !/\b(GET|POST)\b/.test(headers['allow'] ?? ''))
        out.push(`Allow is ${headers['allow']}`);
    if (headers['access-control-allow-origin'] !== '*')
        out.push(`Access-Control-Allow-Origin is ${headers['access-control-allow-origin']}`);
    seen.responses += 1;
    seen.problems.push(...out.map((p) => `${where}: ${p}`));
}

const request = RequestClient.prototype.request;
RequestClient.prototype.request = async function (opts) {
    const response = await request.call(this, opts);
    inspect(opts.method.toUpperCase(), opts.uri, response.statusCode, response.headers, response.body);
    return response;
};

// A client for `account` ({ sid, token }) of the server at `baseUrl`: the two lines of the
// compatibility guide, nothing more.
function clientFor(account, baseUrl) {
    const client = twilio(account.sid, account.token);
    client.trusthub.baseUrl = baseUrl;
    return client;
}

// Fails when any response seen since the last call broke the schema or the headers.
function assertConforming() {
    const problems = seen.problems.splice(0);
    assert.deepEqual(problems, [], 'responses that do not conform to the OpenAPI file:\n' + problems.join('\n'));
}

// Awaits `promise`, expecting the SDK to reject it with a RestException.
async function restError(promise) {
    try {
        await promise;
    } catch (error) {
        assert.ok(error instanceof twilio.RestException,
            `expected a RestException, got ${error && error.constructor && error.constructor.name}: ${error}`);
        return error;
    }
    assert.fail('expected the call to fail with a RestException, it succeeded');
}

module.exports = { twilio, clientFor, assertConforming, restError, seen };

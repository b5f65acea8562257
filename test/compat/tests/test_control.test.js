// The test-control API of `trusthub-server --control` (under /_trusthub/), driven over real HTTP
// with fetch and Basic auth, and observed through the official Node SDK: reset, snapshots,
// the request journal, fault rules, the account clock, per-account isolation, and the
// `--seed` / `--keep-attributes-in-journal` options.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { useServer, useExtraServer, accounts } = require('../lib/harness');
const { startServer } = require('../lib/server');
const sdk = require('../lib/sdk');
const openapi = require('../lib/openapi');

const { twilio, restError } = sdk;

// An API key of alice's account, to check the control API accepts keys like the API does.
const aliceKey = { sid: 'SK' + 'c4'.repeat(16), token: 'alice-key-secret' };

const server = useServer({
    args: ['--control', '--credential', `${aliceKey.sid}:${aliceKey.token}:${accounts.alice.sid}`],
});

const TIMEOUT = { timeout: 30_000 };
const DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const REQUEST_ID = /^RQ[0-9a-f]{32}$/;
const JOURNAL_KEYS = ['date', 'fault', 'method', 'params', 'path', 'query', 'request_id', 'status'];
const RULE_KEYS = ['after', 'code', 'commit', 'delay_ms', 'drop', 'every', 'hit', 'id', 'matched', 'message',
    'method', 'path', 'probability', 'retry_after', 'seed', 'status', 'times'];

const basic = (account) => 'Basic ' + Buffer.from(`${account.sid}:${account.token}`).toString('base64');

// One HTTP call with fetch. `body`: an object (sent as JSON), a string (sent as is, JSON), or a
// URLSearchParams (sent as a form). Resolves to { status, headers, text, body }.
async function call(baseUrl, account, method, urlPath, body) {
    const headers = {};
    if (account)
        headers.Authorization = basic(account);
    let payload;
    if (body instanceof URLSearchParams) {
        headers['Content-Type'] = 'application/x-www-form-urlencoded';
        payload = body.toString();
    } else if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
        payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const response = await fetch(baseUrl + urlPath, { method, headers, body: payload });
    const text = await response.text();
    let parsed;
    try { parsed = text === '' ? undefined : JSON.parse(text); } catch { parsed = undefined; }
    return { status: response.status, headers: response.headers, text, body: parsed };
}

// A call to the control API of the main server (or of `baseUrl`).
const control = (account, method, what, body, baseUrl = server.url) =>
    call(baseUrl, account, method, '/_trusthub' + what, body);

// A control call that must answer `status`; returns its body.
async function ok(account, method, what, body, status = 200) {
    const r = await control(account, method, what, body);
    assert.equal(r.status, status, `${method} /_trusthub${what}: ${r.status} ${r.text}`);
    if (status === 204)
        assert.equal(r.text, '', `${method} /_trusthub${what}: 204 with a body`);
    else
        assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
    return r.body;
}

// Asserts a response is a Twilio error with `status`, `code`, and a message matching `message`.
function assertTwilioError(r, status, code, message) {
    assert.equal(r.status, status, `expected ${status}, got ${r.status}: ${r.text}`);
    assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual(openapi.errorProblems(r.body, status), [], `not Twilio's error shape: ${r.text}`);
    assert.equal(r.body.code, code, r.text);
    if (message instanceof RegExp)
        assert.match(r.body.message, message);
    else if (message !== undefined)
        assert.equal(r.body.message, message);
}

const reset = (account) => ok(account, 'POST', '/reset');
const snapshot = (account) => ok(account, 'GET', '/snapshot');
const journal = async (account) => (await ok(account, 'GET', '/requests')).requests;
const faults = async (account) => (await ok(account, 'GET', '/faults')).faults;
const addRule = (account, rule) => ok(account, 'POST', '/faults', rule, 201);

// The Twilio-Request-Id of the last response an SDK client received.
function lastRequestId(client) {
    const id = client.httpClient.lastResponse?.headers?.['twilio-request-id'];
    assert.match(id ?? '', REQUEST_ID);
    return id;
}

const json = (instances) => instances.map((u) => u.toJSON());
const sids = (instances) => instances.map((u) => u.sid);

// Awaits `promise` and reports whether it failed with a RestException (which it returns).
async function outcome(promise) {
    try {
        await promise;
        return null;
    } catch (error) {
        assert.ok(error instanceof twilio.RestException, `expected a RestException, got ${error}`);
        return error;
    }
}

// Awaits `promise`, expecting a network error: no HTTP answer at all, so no RestException.
async function networkError(promise) {
    try {
        await promise;
    } catch (error) {
        assert.ok(!(error instanceof twilio.RestException), `expected a network error, got RestException ${error.status}`);
        assert.equal(error.response, undefined, 'the error carries an HTTP response');
        assert.equal(typeof error.code, 'string', `expected a network error code, got ${error}`);
        return error;
    }
    assert.fail('expected the call to fail with a network error, it succeeded');
}

const SID_A = 'IT' + '0123456789abcdef'.repeat(2);
const SID_B = 'IT' + 'f'.repeat(32);
const SID_C = 'IT' + '0'.repeat(31) + '1';

// ---------------------------------------------------------------------------------------------
// reset

test('reset removes the account\'s records, journal, rules and clock, and nothing of another account', TIMEOUT, async () => {
    await reset(accounts.alice);
    await reset(accounts.bob);
    const alice = server.alice.trusthub.v1.endUsers;
    const bob = server.bob.trusthub.v1.endUsers;
    for (let i = 0; i < 3; ++i)
        await alice.create({ friendlyName: `alice ${i}`, type: 'individual', attributes: { i } });
    const bobs = [];
    for (let i = 0; i < 2; ++i)
        bobs.push(await bob.create({ friendlyName: `bob ${i}`, type: 'business' }));
    await addRule(accounts.alice, { method: 'DELETE', status: 500 });
    await addRule(accounts.bob, { method: 'DELETE', status: 503 });
    await ok(accounts.alice, 'PUT', '/clock', { mode: 'offset', seconds: 3600 });
    assert.equal((await alice.list()).length, 3);
    assert.equal((await journal(accounts.alice)).length, 4);
    const bobJournal = await journal(accounts.bob);
    assert.equal(bobJournal.length, 2);

    assert.deepEqual(await reset(accounts.alice), { end_users_removed: 3 });
    assert.deepEqual(await journal(accounts.alice), []);
    assert.deepEqual(await faults(accounts.alice), []);
    assert.equal((await ok(accounts.alice, 'GET', '/clock')).mode, 'real');
    assert.deepEqual(await snapshot(accounts.alice), { end_users: [] });
    assert.deepEqual(await alice.list(), []);
    const created = await alice.create({ friendlyName: 'after reset', type: 'individual' });
    assert.ok(Math.abs(created.dateCreated.getTime() - Date.now()) < 10_000, 'the clock is real again');

    // Bob's records, journal and rules are untouched.
    assert.deepEqual(await journal(accounts.bob), bobJournal);
    assert.equal((await faults(accounts.bob)).length, 1);
    assert.deepEqual(json(await bob.list()), json(bobs));

    assert.deepEqual(await reset(accounts.alice), { end_users_removed: 1 });
    assert.deepEqual(await reset(accounts.alice), { end_users_removed: 0 });
    await reset(accounts.bob);
});

// ---------------------------------------------------------------------------------------------
// snapshots

test('snapshot, reset, snapshot back: the SDK sees identical records', TIMEOUT, async () => {
    await reset(accounts.alice);
    const endUsers = server.alice.trusthub.v1.endUsers;
    const a = await endUsers.create({ friendlyName: 'first', type: 'individual', attributes: { first_name: 'Ada', n: [1, { x: null }] } });
    await endUsers.create({ friendlyName: 'second', type: 'business' });
    await endUsers.create({ friendlyName: 'third ünïcødé + & =', type: 'authorized_representative_1', attributes: { email: 'a@b.c' } });
    await endUsers(a.sid).update({ friendlyName: 'first, renamed' });

    const listed = json(await endUsers.list());
    assert.equal(listed.length, 3);
    // Each item exactly as GET /v1/EndUsers/{Sid} returns it, in list order.
    const raw = [];
    for (const u of listed) {
        const r = await call(server.url, accounts.alice, 'GET', `/v1/EndUsers/${u.sid}`);
        assert.equal(r.status, 200);
        raw.push(r.body);
    }
    const snap = await snapshot(accounts.alice);
    assert.deepEqual(snap, { end_users: raw });

    assert.deepEqual(await reset(accounts.alice), { end_users_removed: 3 });
    assert.deepEqual(await endUsers.list(), []);

    assert.deepEqual(await ok(accounts.alice, 'PUT', '/snapshot', snap), snap);
    assert.deepEqual(json(await endUsers.list()), listed);
    assert.deepEqual(json(await endUsers.list({ pageSize: 2 })), listed);
    for (const u of listed)
        assert.deepEqual((await endUsers(u.sid).fetch()).toJSON(), u);
    assert.deepEqual(await snapshot(accounts.alice), snap);
});

test('a hand-written fixture with fixed SIDs and dates reads back through the SDK', TIMEOUT, async () => {
    await reset(accounts.alice);
    const fixture = {
        end_users: [
            { sid: SID_A, friendly_name: 'Fixture A', type: 'individual',
                attributes: { first_name: 'Ada', nested: { n: [1, 2] } },
                date_created: '2021-03-04T05:06:07Z', date_updated: '2022-05-06T07:08:09Z' },
            // no attributes, no date_updated
            { sid: SID_B, friendly_name: 'Fixture B', type: 'business', date_created: '2021-03-04T05:06:08Z' },
            // account_sid (the caller's) and url are ignored
            { sid: SID_C, friendly_name: 'Fixture C', type: 'authorized_representative_1', attributes: {},
                date_created: '2023-01-01T00:00:00Z', date_updated: '2023-01-01T00:00:00Z',
                account_sid: accounts.alice.sid, url: 'https://example.invalid/ignored' },
        ],
    };
    const answer = await ok(accounts.alice, 'PUT', '/snapshot', fixture);
    assert.deepEqual(answer, await snapshot(accounts.alice));
    assert.deepEqual(answer.end_users.map((u) => u.sid), [SID_A, SID_B, SID_C]);
    for (const u of answer.end_users) {
        assert.equal(u.account_sid, accounts.alice.sid);
        assert.equal(u.url, `${server.url}/v1/EndUsers/${u.sid}`);
    }

    const endUsers = server.alice.trusthub.v1.endUsers;
    const [a, b, c] = await endUsers.list();
    assert.deepEqual(a.toJSON(), {
        sid: SID_A, accountSid: accounts.alice.sid, friendlyName: 'Fixture A', type: 'individual',
        attributes: { first_name: 'Ada', nested: { n: [1, 2] } },
        dateCreated: new Date('2021-03-04T05:06:07Z'), dateUpdated: new Date('2022-05-06T07:08:09Z'),
        url: `${server.url}/v1/EndUsers/${SID_A}`,
    });
    assert.deepEqual(b.toJSON(), {
        sid: SID_B, accountSid: accounts.alice.sid, friendlyName: 'Fixture B', type: 'business', attributes: {},
        dateCreated: new Date('2021-03-04T05:06:08Z'), dateUpdated: new Date('2021-03-04T05:06:08Z'),
        url: `${server.url}/v1/EndUsers/${SID_B}`,
    });
    assert.deepEqual(c.toJSON(), {
        sid: SID_C, accountSid: accounts.alice.sid, friendlyName: 'Fixture C', type: 'authorized_representative_1',
        attributes: {}, dateCreated: new Date('2023-01-01T00:00:00Z'), dateUpdated: new Date('2023-01-01T00:00:00Z'),
        url: `${server.url}/v1/EndUsers/${SID_C}`,
    });
    for (const u of [a, b, c])
        assert.deepEqual((await endUsers(u.sid).fetch()).toJSON(), u.toJSON());
    // The fixture's records behave like any other: updated, removed, invisible to bob.
    const updated = await endUsers(SID_B).update({ attributes: { b: 1 } });
    assert.deepEqual(updated.attributes, { b: 1 });
    assert.equal(updated.dateCreated.getTime(), Date.parse('2021-03-04T05:06:08Z'));
    assert.equal((await restError(server.bob.trusthub.v1.endUsers(SID_A).fetch())).status, 404);
    assert.equal(await endUsers(SID_C).remove(), true);
    assert.deepEqual(sids(await endUsers.list()), [SID_A, SID_B]);
});

// ---------------------------------------------------------------------------------------------
// bad input

test('bad input is a 400 naming the problem, and changes nothing', TIMEOUT, async () => {
    await reset(accounts.alice);
    const endUsers = server.alice.trusthub.v1.endUsers;
    await endUsers.create({ friendlyName: 'kept 1', type: 'individual', attributes: { k: 1 } });
    await endUsers.create({ friendlyName: 'kept 2', type: 'business' });
    const bobs = await server.bob.trusthub.v1.endUsers.create({ friendlyName: 'bob\'s', type: 'individual' });
    const before = await snapshot(accounts.alice);
    const listed = json(await endUsers.list());

    const good = { sid: SID_A, friendly_name: 'good', type: 'individual' };
    const second = (item) => ({ end_users: [good, item] });
    const other = { sid: SID_B, friendly_name: 'other', type: 'individual' };
    const cases = [
        ['PUT', '/snapshot', second({ ...other, sid: 'ITnothex' }), /^Invalid parameter end_users\[1\]\.sid: /],
        ['PUT', '/snapshot', second({ ...other, sid: 'IT' + 'A'.repeat(32) }), /^Invalid parameter end_users\[1\]\.sid: /],
        ['PUT', '/snapshot', second({ ...other, sid: 'XX' + '0'.repeat(32) }), /^Invalid parameter end_users\[1\]\.sid: /],
        ['PUT', '/snapshot', second({ friendly_name: 'no sid', type: 'individual' }), /^Invalid parameter end_users\[1\]\.sid: /],
        ['PUT', '/snapshot', second({ ...other, colour: 'red' }), /^Invalid parameter (end_users\[1\]\.colour: |end_users\[1\]: .*colour)/],
        ['PUT', '/snapshot', second({ ...other, account_sid: accounts.bob.sid }), /^Invalid parameter end_users\[1\]\.account_sid: /],
        ['PUT', '/snapshot', second({ sid: SID_B, type: 'individual' }), /^Invalid parameter end_users\[1\]\.friendly_name: /],
        ['PUT', '/snapshot', second({ ...other, type: '' }), /^Invalid parameter end_users\[1\]\.type: /],
        ['PUT', '/snapshot', second({ ...other, attributes: [1, 2] }), /^Invalid parameter end_users\[1\]\.attributes: /],
        ['PUT', '/snapshot', second({ ...other, date_created: '2030-01-02 03:04:05' }), /^Invalid parameter end_users\[1\]\.date_created: /],
        ['PUT', '/snapshot', second({ ...other, date_updated: 'yesterday' }), /^Invalid parameter end_users\[1\]\.date_updated: /],
        ['PUT', '/snapshot', second({ ...other, sid: SID_A }), /^Invalid parameter end_users\[1\]\.sid: /],  // duplicate
        // bob's SID: the spec names no parameter for this one; the item's sid or the list will do.
        ['PUT', '/snapshot', second({ ...other, sid: bobs.sid }), /^Invalid parameter end_users(\[1\]\.sid)?: \S/],
        ['PUT', '/snapshot', { end_users: 5 }, /^Invalid parameter end_users: /],
        ['PUT', '/snapshot', '{"end_users": [', /^Invalid parameter body: /],
        ['POST', '/faults', { status: 500, colour: 'red' }, /^Invalid parameter (colour: |body: .*colour)/],
        ['POST', '/faults', { status: 500, times: 0 }, /^Invalid parameter times: /],
        ['POST', '/faults', { status: 500, every: 0 }, /^Invalid parameter every: /],
        ['POST', '/faults', { status: 500, after: -1 }, /^Invalid parameter after: /],
        ['POST', '/faults', { status: 399 }, /^Invalid parameter status: /],
        ['POST', '/faults', { status: 600 }, /^Invalid parameter status: /],
        ['POST', '/faults', { status: 500, probability: 1.5 }, /^Invalid parameter probability: /],
        ['POST', '/faults', { delay_ms: 60001 }, /^Invalid parameter delay_ms: /],
        ['POST', '/faults', { method: 'GET', path: '/v1/EndUsers' }, /^Invalid parameter \S+: /],  // does nothing
        ['POST', '/faults', { status: 500, drop: true }, /^Invalid parameter \S+: /],
        ['POST', '/faults', { commit: true, delay_ms: 10 }, /^Invalid parameter \S+: /],
        ['POST', '/faults', 'not json', /^Invalid parameter body: /],
        ['PUT', '/clock', { mode: 'sideways' }, /^Invalid parameter mode: /],
        ['PUT', '/clock', { mode: 'frozen' }, /^Invalid parameter now: /],
        ['PUT', '/clock', { mode: 'frozen', now: 'tomorrow' }, /^Invalid parameter now: /],
        ['PUT', '/clock', { mode: 'offset', seconds: 'many' }, /^Invalid parameter seconds: /],
    ];
    for (const [method, what, body, message] of cases) {
        const r = await control(accounts.alice, method, what, body);
        const where = `${method} /_trusthub${what} ${typeof body === 'string' ? body : JSON.stringify(body)}`;
        assert.equal(r.status, 400, `${where}: ${r.status} ${r.text}`);
        assertTwilioError(r, 400, 20001);
        assert.match(r.body.message, message, `${where}: the message does not name the problem`);
        assert.deepEqual(await snapshot(accounts.alice), before, `${where} changed the records`);
        assert.deepEqual(await faults(accounts.alice), [], `${where} added a rule`);
        assert.equal((await ok(accounts.alice, 'GET', '/clock')).mode, 'real', `${where} changed the clock`);
    }
    assert.deepEqual(json(await endUsers.list()), listed);
    assert.deepEqual((await server.bob.trusthub.v1.endUsers(bobs.sid).fetch()).toJSON(), bobs.toJSON());
});

// ---------------------------------------------------------------------------------------------
// the journal

test('the journal shows SDK calls, newest last, with Attributes redacted; DELETE empties it', TIMEOUT, async () => {
    await reset(accounts.alice);
    const alice = server.alice;
    const endUsers = alice.trusthub.v1.endUsers;
    const created = await endUsers.create({ friendlyName: 'journaled', type: 'individual', attributes: { ssn: '123-45-6789' } });
    const createId = lastRequestId(alice);
    await endUsers.list({ pageSize: 2 });
    const listId = lastRequestId(alice);
    await endUsers(created.sid).fetch();
    const fetchId = lastRequestId(alice);
    const missing = 'IT' + '0'.repeat(32);
    assert.equal((await restError(endUsers(missing).fetch())).status, 404);
    const missingId = lastRequestId(alice);
    // Unauthenticated calls are not the account's: not journaled.
    const stranger = sdk.clientFor({ sid: accounts.alice.sid, token: 'wrong' }, server.url);
    assert.equal((await restError(stranger.trusthub.v1.endUsers.list())).status, 401);

    const entries = await journal(accounts.alice);
    for (const e of entries) {
        assert.deepEqual(Object.keys(e).sort(), JOURNAL_KEYS);
        assert.match(e.date, DATE);
        assert.ok(Math.abs(Date.parse(e.date) - Date.now()) < 60_000, `${e.date} is not about now`);
    }
    const strip = ({ date, ...rest }) => rest;
    assert.deepEqual(entries.map(strip), [
        { method: 'POST', path: '/v1/EndUsers', query: '',
            params: { FriendlyName: 'journaled', Type: 'individual', Attributes: '[redacted]' },
            status: 201, request_id: createId, fault: null },
        { method: 'GET', path: '/v1/EndUsers', query: 'PageSize=2', params: {}, status: 200, request_id: listId, fault: null },
        { method: 'GET', path: `/v1/EndUsers/${created.sid}`, query: '', params: {}, status: 200, request_id: fetchId, fault: null },
        { method: 'GET', path: `/v1/EndUsers/${missing}`, query: '', params: {}, status: 404, request_id: missingId, fault: null },
    ]);
    assert.ok(!JSON.stringify(entries).includes('123-45-6789'), 'the Attributes text leaked into the journal');

    // Control calls are not journaled: reading it twice gives the same.
    assert.deepEqual(await journal(accounts.alice), entries);
    await ok(accounts.alice, 'DELETE', '/requests', undefined, 204);
    assert.deepEqual(await journal(accounts.alice), []);
    await endUsers(created.sid).update({ attributes: { ssn: '987-65-4321' } });
    const [update] = await journal(accounts.alice);
    assert.equal(update.method, 'POST');
    assert.equal(update.path, `/v1/EndUsers/${created.sid}`);
    assert.deepEqual(update.params, { Attributes: '[redacted]' });
    assert.equal(update.status, 200);
    assert.equal(update.request_id, lastRequestId(alice));
});

test('a repeated form field is journaled as an array of strings', TIMEOUT, async () => {
    await ok(accounts.alice, 'DELETE', '/requests', undefined, 204);
    const form = new URLSearchParams([['FriendlyName', 'repeated'], ['Type', 'individual'], ['Tag', 'a'], ['Tag', 'b']]);
    const r = await call(server.url, accounts.alice, 'POST', '/v1/EndUsers', form);
    const entries = await journal(accounts.alice);
    assert.equal(entries.length, 1);
    assert.equal(entries[0].status, r.status);
    assert.equal(entries[0].request_id, r.headers.get('twilio-request-id'));
    assert.deepEqual(entries[0].params, { FriendlyName: 'repeated', Type: 'individual', Tag: ['a', 'b'] });
});

test('the journal keeps the last 1000 requests', { timeout: 120_000 }, async () => {
    await ok(accounts.alice, 'DELETE', '/requests', undefined, 204);
    const sidOf = (i) => 'IT' + i.toString(16).padStart(32, '0');
    const total = 1003;
    for (let i = 0; i < total; ++i) {
        const r = await call(server.url, accounts.alice, 'GET', `/v1/EndUsers/${sidOf(i)}`);
        assert.equal(r.status, 404);
    }
    const entries = await journal(accounts.alice);
    assert.equal(entries.length, 1000);
    assert.equal(entries[0].path, `/v1/EndUsers/${sidOf(total - 1000)}`);
    assert.equal(entries[999].path, `/v1/EndUsers/${sidOf(total - 1)}`);
    await ok(accounts.alice, 'DELETE', '/requests', undefined, 204);
});

const keeping = useExtraServer(['--control', '--keep-attributes-in-journal']);

test('with --keep-attributes-in-journal the journal keeps the Attributes text', TIMEOUT, async () => {
    const attributes = { ssn: '123-45-6789', nested: { list: [1, 'two'] } };
    const created = await keeping.alice.trusthub.v1.endUsers.create({ friendlyName: 'kept', type: 'individual', attributes });
    assert.deepEqual(created.attributes, attributes);
    const r = await control(accounts.alice, 'GET', '/requests', undefined, keeping.server.url);
    assert.equal(r.status, 200, r.text);
    const last = r.body.requests.at(-1);
    assert.equal(last.method, 'POST');
    assert.equal(last.path, '/v1/EndUsers');
    assert.equal(last.status, 201);
    assert.deepEqual(last.params, { FriendlyName: 'kept', Type: 'individual', Attributes: JSON.stringify(attributes) });
    assert.deepEqual(JSON.parse(last.params.Attributes), attributes);
});

// ---------------------------------------------------------------------------------------------
// fault rules

test('a 429 rule on create makes the SDK raise RestException 20429', TIMEOUT, async () => {
    await reset(accounts.alice);
    const rule = await addRule(accounts.alice, { method: 'POST', path: '/v1/EndUsers', status: 429 });
    assert.deepEqual(Object.keys(rule).sort(), RULE_KEYS);
    assert.ok(Number.isInteger(rule.id) && rule.id >= 1, `id ${rule.id}`);
    const { id, ...rest } = rule;
    assert.deepEqual(rest, {
        method: 'POST', path: '/v1/EndUsers', after: 0, every: 1, times: null, probability: 1, seed: 0,
        status: 429, code: 20429, message: 'Too Many Requests', retry_after: 1, delay_ms: 0, drop: false, commit: false,
        matched: 0, hit: 0,
    });
    assert.deepEqual(await faults(accounts.alice), [rule]);

    const endUsers = server.alice.trusthub.v1.endUsers;
    const error = await restError(endUsers.create({ friendlyName: 'limited', type: 'individual' }));
    assert.equal(error.status, 429);
    assert.equal(error.code, 20429);
    assert.equal(error.message, 'Too Many Requests');
    assert.equal(error.moreInfo, 'https://www.twilio.com/docs/errors/20429');
    assert.equal(server.alice.httpClient.lastResponse.headers['retry-after'], '1');
    const faultId = lastRequestId(server.alice);
    assert.deepEqual(await endUsers.list(), [], 'the refused create created nothing');  // GET: not matched

    const [after1] = await faults(accounts.alice);
    assert.deepEqual(after1, { ...rule, matched: 1, hit: 1 });
    const entries = await journal(accounts.alice);
    assert.equal(entries.length, 2);
    assert.deepEqual([entries[0].method, entries[0].path, entries[0].status, entries[0].fault, entries[0].request_id],
        ['POST', '/v1/EndUsers', 429, rule.id, faultId]);
    assert.deepEqual([entries[1].method, entries[1].status, entries[1].fault], ['GET', 200, null]);
});

test('an autoRetry client gets through a rule that hits twice', TIMEOUT, async () => {
    await reset(accounts.alice);
    const rule = await addRule(accounts.alice, { method: 'POST', path: '/v1/EndUsers', status: 429, times: 2 });
    assert.equal(rule.times, 2);
    const client = twilio(accounts.alice.sid, accounts.alice.token, { autoRetry: true });
    client.trusthub.baseUrl = server.url;
    const created = await client.trusthub.v1.endUsers.create({ friendlyName: 'persistent', type: 'individual' });
    assert.equal(created.friendlyName, 'persistent');
    assert.deepEqual(sids(await server.alice.trusthub.v1.endUsers.list()), [created.sid]);
    const [stored] = await faults(accounts.alice);
    assert.equal(stored.hit, 2);
    assert.equal(stored.matched, 3);
    const posts = (await journal(accounts.alice)).filter((e) => e.method === 'POST');
    assert.deepEqual(posts.map((e) => [e.status, e.fault]), [[429, rule.id], [429, rule.id], [201, null]]);
    // Spent, the rule stays listed and lets everything through.
    await server.alice.trusthub.v1.endUsers.create({ friendlyName: 'free', type: 'individual' });
    assert.equal((await faults(accounts.alice))[0].hit, 2);
});

test('a committed 500 on create, retried once, leaves a duplicate', TIMEOUT, async () => {
    await reset(accounts.alice);
    const rule = await addRule(accounts.alice, { method: 'POST', path: '/v1/EndUsers', status: 500, times: 1, commit: true });
    assert.equal(rule.commit, true);
    assert.equal(rule.code, 20500);
    assert.equal(rule.message, 'Internal Server Error');
    const endUsers = server.alice.trusthub.v1.endUsers;
    const failures = [];
    let created;
    for (let attempt = 0; attempt < 2 && !created; ++attempt) {
        try {
            created = await endUsers.create({ friendlyName: 'retried', type: 'individual', attributes: { once: true } });
        } catch (error) {
            failures.push(error);
        }
    }
    assert.equal(failures.length, 1);
    assert.ok(failures[0] instanceof twilio.RestException, `${failures[0]}`);
    assert.equal(failures[0].status, 500);
    assert.equal(failures[0].code, 20500);
    assert.equal(failures[0].message, 'Internal Server Error');
    assert.ok(created, 'the retry succeeded');
    const listed = await endUsers.list();
    assert.equal(listed.length, 2, 'the failed create happened anyway: two records');
    assert.deepEqual(listed.map((u) => u.friendlyName), ['retried', 'retried']);
    assert.deepEqual(listed.map((u) => u.attributes), [{ once: true }, { once: true }]);
    assert.equal(new Set(sids(listed)).size, 2);
    assert.ok(sids(listed).includes(created.sid));
    assert.equal((await faults(accounts.alice))[0].hit, 1);
    const posts = (await journal(accounts.alice)).filter((e) => e.method === 'POST');
    assert.deepEqual(posts.map((e) => [e.status, e.fault]), [[500, rule.id], [201, null]]);
});

test('drop closes the connection: the SDK rejects with a network error, not a RestException', TIMEOUT, async () => {
    await reset(accounts.alice);
    const endUsers = server.alice.trusthub.v1.endUsers;
    const u = await endUsers.create({ friendlyName: 'dropped', type: 'individual' });
    const rule = await addRule(accounts.alice, { method: 'GET', path: '/v1/EndUsers/*', drop: true, times: 1 });
    assert.equal(rule.drop, true);
    assert.equal(rule.status, null);
    assert.equal(rule.code, null);
    assert.equal(rule.message, null);
    assert.equal(rule.retry_after, null);
    await networkError(endUsers(u.sid).fetch());
    assert.deepEqual((await endUsers(u.sid).fetch()).toJSON(), u.toJSON(), 'spent after one drop');
    const gets = (await journal(accounts.alice)).filter((e) => e.method === 'GET');
    assert.deepEqual(gets.map((e) => [e.path, e.status, e.fault]),
        [[`/v1/EndUsers/${u.sid}`, null, rule.id], [`/v1/EndUsers/${u.sid}`, 200, null]]);

    // With commit, the dropped update happened.
    const committed = await addRule(accounts.alice, { method: 'POST', path: '/v1/EndUsers/*', drop: true, commit: true, times: 1 });
    await networkError(endUsers(u.sid).update({ friendlyName: 'changed in the dark' }));
    assert.equal((await endUsers(u.sid).fetch()).friendlyName, 'changed in the dark');
    assert.equal((await faults(accounts.alice)).find((r) => r.id === committed.id).hit, 1);
});

// Makes `count` SDK fetches of one record of alice's under `rule` (on GET /v1/EndUsers/*), on a
// clean slate; returns the failed calls as [call number from 1, status, code], and the rule as
// listed afterwards.
async function underRule(rule, count) {
    await reset(accounts.alice);
    const endUsers = server.alice.trusthub.v1.endUsers;
    const u = await endUsers.create({ friendlyName: 'target', type: 'individual' });
    const added = await addRule(accounts.alice, { method: 'GET', path: '/v1/EndUsers/*', ...rule });
    const failed = [];
    for (let i = 1; i <= count; ++i) {
        const error = await outcome(endUsers(u.sid).fetch());
        if (error)
            failed.push([i, error.status, error.code]);
    }
    const [stored] = await faults(accounts.alice);
    assert.equal(stored.id, added.id);
    return { added, failed, stored };
}

test('every: one match in every `every` hits, the nth, the 2nth', TIMEOUT, async () => {
    const { added, failed, stored } = await underRule({ status: 500, every: 3 }, 7);
    assert.deepEqual([added.after, added.every], [0, 3]);
    assert.deepEqual(failed, [[3, 500, 20500], [6, 500, 20500]]);
    assert.deepEqual([stored.matched, stored.hit], [7, 2]);
});

test('after, then every: after 2 let through, every 3rd of the rest hits', TIMEOUT, async () => {
    // after 2, every 3: matches 3, 4, 5 -> the 5th hits; 6, 7, 8 -> the 8th.
    const { added, failed, stored } = await underRule({ status: 503, after: 2, every: 3 }, 9);
    assert.deepEqual([added.after, added.every, added.code, added.message, added.retry_after],
        [2, 3, 20503, 'Service Unavailable', 1]);
    assert.deepEqual(failed, [[5, 503, 20503], [8, 503, 20503]]);
    assert.deepEqual([stored.matched, stored.hit], [9, 2]);
});

test('every with times: the 2nd and 4th hit, then the rule is spent but still listed', TIMEOUT, async () => {
    const { failed, stored } = await underRule({ status: 500, every: 2, times: 2 }, 7);
    assert.deepEqual(failed, [[2, 500, 20500], [4, 500, 20500]]);
    assert.deepEqual([stored.matched, stored.hit, stored.times], [7, 2, 2]);
});

test('after with times: after 1, once, only the 2nd call fails', TIMEOUT, async () => {
    const { failed, stored } = await underRule({ status: 500, after: 1, times: 1 }, 4);
    assert.deepEqual(failed, [[2, 500, 20500]]);
    assert.deepEqual([stored.matched, stored.hit], [4, 1]);
});

test('probability with a seed is deterministic', TIMEOUT, async () => {
    await reset(accounts.alice);
    const endUsers = server.alice.trusthub.v1.endUsers;
    const u = await endUsers.create({ friendlyName: 'dice', type: 'individual' });
    const run = async () => {
        const rule = await addRule(accounts.alice,
            { method: 'GET', path: '/v1/EndUsers/*', status: 500, probability: 0.5, seed: 1234 });
        assert.deepEqual([rule.probability, rule.seed, rule.matched, rule.hit], [0.5, 1234, 0, 0]);
        const pattern = [];
        for (let i = 0; i < 24; ++i) {
            const error = await outcome(endUsers(u.sid).fetch());
            if (error)
                assert.deepEqual([error.status, error.code], [500, 20500]);
            pattern.push(error ? 'x' : '.');
        }
        const [stored] = await faults(accounts.alice);
        await ok(accounts.alice, 'DELETE', `/faults/${rule.id}`, undefined, 204);
        assert.deepEqual(await faults(accounts.alice), []);
        return { pattern: pattern.join(''), stored };
    };
    const first = await run();
    const second = await run();
    assert.equal(second.pattern, first.pattern, 'the same seed gave another sequence');
    const hits = [...first.pattern].filter((c) => c === 'x').length;
    assert.ok(hits > 0 && hits < 24, `probability 0.5 hit ${hits} of 24: ${first.pattern}`);
    assert.deepEqual([first.stored.matched, first.stored.hit], [24, hits]);
    assert.deepEqual([second.stored.matched, second.stored.hit], [24, hits]);
});

test('path globs and methods select the calls; every matching rule counts, the first to hit acts', TIMEOUT, async () => {
    await reset(accounts.alice);
    const v1 = server.alice.trusthub.v1;
    const u = await v1.endUsers.create({ friendlyName: 'glob', type: 'individual' });
    const fails = async (promise) => (await outcome(promise))?.status ?? 'ok';

    // `?` is one character: /v1/EndUser? is /v1/EndUsers, not /v1/EndUserTypes. Method is case-insensitive.
    const q = await addRule(accounts.alice, { method: 'get', path: '/v1/EndUser?', status: 500 });
    assert.equal(await fails(v1.endUsers.list()), 500);
    assert.equal(await fails(v1.endUserTypes.list()), 'ok');
    assert.equal(await fails(v1.endUsers(u.sid).fetch()), 'ok');
    assert.equal(await fails(v1.endUsers.create({ friendlyName: 'post', type: 'individual' })), 'ok');
    await ok(accounts.alice, 'DELETE', `/faults/${q.id}`, undefined, 204);

    // `*` stops at '/', `**` does not.
    const star = await addRule(accounts.alice, { path: '/v1/*', status: 500 });
    assert.equal(await fails(v1.endUsers.list()), 500);
    assert.equal(await fails(v1.endUsers(u.sid).fetch()), 'ok');
    await ok(accounts.alice, 'DELETE', `/faults/${star.id}`, undefined, 204);
    const starstar = await addRule(accounts.alice, { path: '/v1/**', status: 500 });
    assert.equal(await fails(v1.endUsers(u.sid).fetch()), 500);
    assert.equal(await fails(v1.endUserTypes.list()), 500);
    await ok(accounts.alice, 'DELETE', `/faults/${starstar.id}`, undefined, 204);

    // Two rules on the same calls: the older acts while it hits, both count the matches.
    const first = await addRule(accounts.alice, { method: 'GET', path: '/v1/EndUsers', status: 503, times: 1 });
    const second = await addRule(accounts.alice, { path: '/v1/EndUsers', status: 500 });
    assert.ok(second.id > first.id);
    assert.equal(await fails(v1.endUsers.list()), 503);
    let [a, b] = await faults(accounts.alice);
    assert.deepEqual([a.id, a.matched, a.hit, b.id, b.matched, b.hit], [first.id, 1, 1, second.id, 1, 0]);
    assert.equal(await fails(v1.endUsers.list()), 500);
    [a, b] = await faults(accounts.alice);
    assert.deepEqual([a.hit, b.matched, b.hit], [1, 2, 1]);
    const entries = await journal(accounts.alice);
    assert.deepEqual(entries.slice(-2).map((e) => [e.status, e.fault]), [[503, first.id], [500, second.id]]);
});

test('status, code, message and Retry-After of a rule; defaults filled in', TIMEOUT, async () => {
    await reset(accounts.alice);
    const endUsers = server.alice.trusthub.v1.endUsers;
    const custom = await addRule(accounts.alice,
        { method: 'POST', path: '/v1/EndUsers', status: 400, code: 21211, message: 'Custom failure', retry_after: 7, times: 1 });
    assert.deepEqual([custom.status, custom.code, custom.message, custom.retry_after], [400, 21211, 'Custom failure', 7]);
    const error = await restError(endUsers.create({ friendlyName: 'x', type: 'individual' }));
    assert.deepEqual([error.status, error.code, error.message, error.moreInfo],
        [400, 21211, 'Custom failure', 'https://www.twilio.com/docs/errors/21211']);
    assert.equal(server.alice.httpClient.lastResponse.headers['retry-after'], '7');

    const plain = await addRule(accounts.alice, { method: 'POST', path: '/v1/EndUsers', status: 500, times: 1 });
    assert.deepEqual([plain.code, plain.message, plain.retry_after], [20500, 'Internal Server Error', 0]);
    assert.equal((await restError(endUsers.create({ friendlyName: 'x', type: 'individual' }))).status, 500);
    assert.equal(server.alice.httpClient.lastResponse.headers['retry-after'], undefined, 'a 500 sends no Retry-After');

    const unavailable = await addRule(accounts.alice, { method: 'POST', path: '/v1/EndUsers', status: 503, retry_after: 0, times: 1 });
    assert.equal(unavailable.retry_after, 0);
    assert.equal((await restError(endUsers.create({ friendlyName: 'x', type: 'individual' }))).code, 20503);
    assert.equal(server.alice.httpClient.lastResponse.headers['retry-after'], undefined, 'retry_after 0 sends no header');

    // Default codes of other statuses (on calls nobody makes; removed by the DELETE below).
    const codes = {};
    for (const status of [400, 404, 418, 502]) {
        const r = await addRule(accounts.alice, { method: 'PATCH', path: '/nowhere', status });
        codes[status] = r.code;
    }
    assert.deepEqual(codes, { 400: 20001, 404: 20404, 418: 20418, 502: 20502 });

    const delayOnly = await addRule(accounts.alice, { method: 'PATCH', path: '/nowhere', delay_ms: 10 });
    assert.deepEqual([delayOnly.status, delayOnly.code, delayOnly.message, delayOnly.retry_after, delayOnly.drop, delayOnly.commit],
        [null, null, null, null, false, false]);
    const anyMethod = await addRule(accounts.alice, { status: 500, times: 3 });
    assert.deepEqual([anyMethod.path, anyMethod.times], ['**', 3]);
    await ok(accounts.alice, 'DELETE', '/faults', undefined, 204);
    assert.deepEqual(await endUsers.list(), []);
});

test('a delay_ms rule delays, then answers normally', TIMEOUT, async () => {
    await reset(accounts.alice);
    const endUsers = server.alice.trusthub.v1.endUsers;
    const u = await endUsers.create({ friendlyName: 'slow', type: 'individual' });
    await addRule(accounts.alice, { method: 'GET', path: '/v1/EndUsers/*', delay_ms: 600, times: 1 });
    const start = Date.now();
    const fetched = await endUsers(u.sid).fetch();
    const elapsed = Date.now() - start;
    assert.deepEqual(fetched.toJSON(), u.toJSON());
    assert.ok(elapsed >= 550, `answered after ${elapsed} ms`);
    const [rule] = await faults(accounts.alice);
    assert.equal(rule.hit, 1);
    assert.equal((await journal(accounts.alice)).at(-1).status, 200);
});

test('control calls are not faulted; DELETE removes one rule or all', TIMEOUT, async () => {
    await reset(accounts.alice);
    const endUsers = server.alice.trusthub.v1.endUsers;
    const everything = await addRule(accounts.alice, { status: 500 });
    const deletes = await addRule(accounts.alice, { method: 'DELETE', status: 503 });
    assert.equal((await restError(endUsers.list())).status, 500);
    // /_trusthub/ is neither faulted nor journaled.
    assert.equal((await faults(accounts.alice)).length, 2);
    assert.equal((await snapshot(accounts.alice)).end_users.length, 0);
    assert.equal((await journal(accounts.alice)).length, 1);

    await ok(accounts.alice, 'DELETE', `/faults/${everything.id}`, undefined, 204);
    assert.deepEqual((await faults(accounts.alice)).map((r) => r.id), [deletes.id]);
    const u = await endUsers.create({ friendlyName: 'free again', type: 'individual' });
    assert.equal((await restError(endUsers(u.sid).remove())).status, 503);
    assertTwilioError(await control(accounts.alice, 'DELETE', `/faults/${everything.id}`), 404, 20404);
    assertTwilioError(await control(accounts.alice, 'DELETE', '/faults/999999'), 404, 20404);
    await ok(accounts.alice, 'DELETE', '/faults', undefined, 204);
    assert.deepEqual(await faults(accounts.alice), []);
    assert.equal(await endUsers(u.sid).remove(), true);
});

// ---------------------------------------------------------------------------------------------
// the clock

test('the account clock: frozen, offset, and back to real on reset', TIMEOUT, async () => {
    await reset(accounts.alice);
    const endUsers = server.alice.trusthub.v1.endUsers;
    const real = await ok(accounts.alice, 'GET', '/clock');
    assert.deepEqual(Object.keys(real).sort(), ['mode', 'now']);
    assert.equal(real.mode, 'real');
    assert.match(real.now, DATE);
    assert.ok(Math.abs(Date.parse(real.now) - Date.now()) < 5_000, `real now is ${real.now}`);

    const frozenAt = '2030-01-02T03:04:05Z';
    assert.deepEqual(await ok(accounts.alice, 'PUT', '/clock', { mode: 'frozen', now: frozenAt }), { mode: 'frozen', now: frozenAt });
    assert.deepEqual(await ok(accounts.alice, 'GET', '/clock'), { mode: 'frozen', now: frozenAt });
    await ok(accounts.alice, 'DELETE', '/requests', undefined, 204);
    const frozen = await endUsers.create({ friendlyName: 'frozen', type: 'individual' });
    assert.deepEqual(frozen.dateCreated, new Date(frozenAt));
    assert.deepEqual(frozen.dateUpdated, new Date(frozenAt));
    assert.equal((await journal(accounts.alice)).at(-1).date, frozenAt, 'journal dates follow the clock');
    // A snapshot item without dates is dated by the account clock.
    const put = await ok(accounts.alice, 'PUT', '/snapshot', {
        end_users: [...(await snapshot(accounts.alice)).end_users, { sid: SID_C, friendly_name: 'undated', type: 'business' }] });
    assert.deepEqual([put.end_users[1].date_created, put.end_users[1].date_updated], [frozenAt, frozenAt]);
    const undated = await endUsers(SID_C).fetch();
    assert.deepEqual(undated.dateCreated, new Date(frozenAt));

    const later = '2031-06-07T08:09:10Z';
    await ok(accounts.alice, 'PUT', '/clock', { mode: 'frozen', now: later });
    const updated = await endUsers(frozen.sid).update({ friendlyName: 'thawed later' });
    assert.deepEqual(updated.dateCreated, new Date(frozenAt));
    assert.deepEqual(updated.dateUpdated, new Date(later));

    // Bob's clock is his own.
    const bobs = await server.bob.trusthub.v1.endUsers.create({ friendlyName: 'bob now', type: 'individual' });
    assert.ok(Math.abs(bobs.dateCreated.getTime() - Date.now()) < 10_000, 'bob\'s clock moved with alice\'s');
    assert.equal((await ok(accounts.bob, 'GET', '/clock')).mode, 'real');
    await server.bob.trusthub.v1.endUsers(bobs.sid).remove();

    const ahead = await ok(accounts.alice, 'PUT', '/clock', { mode: 'offset', seconds: 86400 });
    assert.deepEqual(Object.keys(ahead).sort(), ['mode', 'now', 'seconds']);
    assert.deepEqual([ahead.mode, ahead.seconds], ['offset', 86400]);
    assert.ok(Math.abs(Date.parse(ahead.now) - (Date.now() + 86400_000)) < 5_000, `offset now is ${ahead.now}`);
    assert.equal((await ok(accounts.alice, 'GET', '/clock')).mode, 'offset');
    const tomorrow = await endUsers.create({ friendlyName: 'tomorrow', type: 'individual' });
    assert.ok(Math.abs(tomorrow.dateCreated.getTime() - (Date.now() + 86400_000)) < 5_000,
        `${tomorrow.dateCreated.toISOString()} is not a day from now`);

    const behind = await ok(accounts.alice, 'PUT', '/clock', { mode: 'offset', seconds: -3600 });
    assert.equal(behind.seconds, -3600);
    const anHourAgo = await endUsers.create({ friendlyName: 'an hour ago', type: 'individual' });
    assert.ok(Math.abs(anHourAgo.dateCreated.getTime() - (Date.now() - 3600_000)) < 5_000,
        `${anHourAgo.dateCreated.toISOString()} is not an hour ago`);

    assert.deepEqual(Object.keys(await ok(accounts.alice, 'PUT', '/clock', { mode: 'real' })).sort(), ['mode', 'now']);
    await ok(accounts.alice, 'PUT', '/clock', { mode: 'frozen', now: frozenAt });
    await reset(accounts.alice);
    const afterReset = await ok(accounts.alice, 'GET', '/clock');
    assert.equal(afterReset.mode, 'real');
    assert.ok(Math.abs(Date.parse(afterReset.now) - Date.now()) < 5_000);
    const now = await endUsers.create({ friendlyName: 'now', type: 'individual' });
    assert.ok(Math.abs(now.dateCreated.getTime() - Date.now()) < 5_000, `${now.dateCreated.toISOString()} is not now`);
});

// ---------------------------------------------------------------------------------------------
// isolation and authentication

test('alice\'s rules, journal and records are hers alone', TIMEOUT, async () => {
    await reset(accounts.alice);
    await reset(accounts.bob);
    await addRule(accounts.alice, { status: 500 });
    const bob = server.bob.trusthub.v1.endUsers;
    const created = await bob.create({ friendlyName: 'bob unaffected', type: 'individual' });
    assert.deepEqual(sids(await bob.list()), [created.sid]);
    assert.equal((await restError(server.alice.trusthub.v1.endUsers.list())).status, 500);
    assert.equal((await restError(server.alice.trusthub.v1.endUsers.create({ friendlyName: 'alice', type: 'x' }))).status, 500);

    const bobs = await journal(accounts.bob);
    assert.deepEqual(bobs.map((e) => [e.method, e.path, e.status, e.fault]),
        [['POST', '/v1/EndUsers', 201, null], ['GET', '/v1/EndUsers', 200, null]]);
    assert.deepEqual((await journal(accounts.alice)).map((e) => [e.method, e.status]), [['GET', 500], ['POST', 500]]);
    assert.deepEqual(await faults(accounts.bob), []);
    assert.deepEqual((await snapshot(accounts.alice)).end_users, []);
    assert.deepEqual((await snapshot(accounts.bob)).end_users.map((u) => u.sid), [created.sid]);
    await ok(accounts.alice, 'DELETE', '/faults', undefined, 204);
});

test('the control API needs the account\'s credentials (401) and accepts its API key', TIMEOUT, async () => {
    await reset(accounts.alice);
    const u = await server.alice.trusthub.v1.endUsers.create({ friendlyName: 'protected', type: 'individual' });
    const strangers = [
        undefined,
        { sid: accounts.alice.sid, token: 'wrong' },
        { sid: accounts.alice.sid, token: accounts.bob.token },
        { sid: 'AC' + 'd5'.repeat(16), token: accounts.alice.token },
    ];
    for (const who of strangers) {
        assertTwilioError(await control(who, 'POST', '/reset'), 401, 20003);
        assertTwilioError(await control(who, 'GET', '/snapshot'), 401, 20003);
        assertTwilioError(await control(who, 'PUT', '/snapshot', { end_users: [] }), 401, 20003);
        assertTwilioError(await control(who, 'POST', '/faults', { status: 500 }), 401, 20003);
    }
    assert.deepEqual(sids(await server.alice.trusthub.v1.endUsers.list()), [u.sid]);
    assert.deepEqual(await faults(accounts.alice), []);

    // An API key of alice's account acts on alice's account.
    const byKey = await control(aliceKey, 'GET', '/snapshot');
    assert.equal(byKey.status, 200, byKey.text);
    assert.deepEqual(byKey.body, await snapshot(accounts.alice));
    const resetByKey = await control(aliceKey, 'POST', '/reset');
    assert.equal(resetByKey.status, 200, resetByKey.text);
    assert.deepEqual(resetByKey.body, { end_users_removed: 1 });
    assert.deepEqual(await server.alice.trusthub.v1.endUsers.list(), []);
});

// ---------------------------------------------------------------------------------------------
// --seed, and a server without --control

const seedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trusthub-seed-'));
const SEED = [
    { sid: SID_A, friendly_name: 'Seeded A', type: 'individual', attributes: { first_name: 'Grace' },
        date_created: '2020-01-02T03:04:05Z', date_updated: '2020-02-03T04:05:06Z' },
    { sid: SID_B, friendly_name: 'Seeded B', type: 'business', date_created: '2020-03-04T05:06:07Z' },
];
const seeded = useExtraServer(() => {
    const file = path.join(seedDir, 'seed.json');
    fs.writeFileSync(file, JSON.stringify({ accounts: { [accounts.alice.sid]: { end_users: SEED } } }));
    return ['--seed', file];
});
after(() => fs.rmSync(seedDir, { recursive: true, force: true }));

test('--seed FILE starts a server with those records', TIMEOUT, async () => {
    const listed = await seeded.alice.trusthub.v1.endUsers.list();
    assert.deepEqual(json(listed), [
        { sid: SID_A, accountSid: accounts.alice.sid, friendlyName: 'Seeded A', type: 'individual',
            attributes: { first_name: 'Grace' }, dateCreated: new Date('2020-01-02T03:04:05Z'),
            dateUpdated: new Date('2020-02-03T04:05:06Z'), url: `${seeded.server.url}/v1/EndUsers/${SID_A}` },
        { sid: SID_B, accountSid: accounts.alice.sid, friendlyName: 'Seeded B', type: 'business', attributes: {},
            dateCreated: new Date('2020-03-04T05:06:07Z'), dateUpdated: new Date('2020-03-04T05:06:07Z'),
            url: `${seeded.server.url}/v1/EndUsers/${SID_B}` },
    ]);
    assert.deepEqual((await seeded.alice.trusthub.v1.endUsers(SID_A).fetch()).toJSON(), listed[0].toJSON());
    assert.deepEqual(await seeded.bob.trusthub.v1.endUsers.list(), []);
});

test('without --control, /_trusthub/ is not served (404)', TIMEOUT, async () => {
    for (const [method, what] of [['POST', '/reset'], ['GET', '/snapshot'], ['GET', '/requests'], ['GET', '/clock']]) {
        const r = await control(accounts.alice, method, what, undefined, seeded.server.url);
        assert.equal(r.status, 404, `${method} /_trusthub${what}: ${r.status} ${r.text}`);
        assertTwilioError(r, 404, 20404);
    }
    assert.equal((await seeded.alice.trusthub.v1.endUsers.list()).length, 2, 'the records are still there');
});

test('a bad --seed file stops the server with a message naming the problem', TIMEOUT, async () => {
    const file = path.join(seedDir, 'bad.json');
    fs.writeFileSync(file, JSON.stringify({ accounts: { [accounts.alice.sid]: { end_users: [
        { sid: SID_A, friendly_name: 'fine', type: 'individual' },
        { sid: 'ITnothex', friendly_name: 'bad', type: 'individual' },
    ] } } }));
    const missing = path.join(seedDir, 'does-not-exist.json');
    const expectations = [
        [file, /end_users\[1\]\.sid|ITnothex/],
        [missing, /does-not-exist\.json/],
    ];
    for (const [seedFile, names] of expectations) {
        let started;
        try {
            started = await startServer({ args: ['--control', '--seed', seedFile] });
        } catch (error) {
            assert.match(error.message, /exited with [1-9]\d* before listening/);
            assert.match(error.message, names, 'the message does not name the problem');
            continue;
        }
        await started.stop();
        assert.fail(`trusthub-server started with the bad seed file ${seedFile}`);
    }
});

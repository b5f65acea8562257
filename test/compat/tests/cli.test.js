// The same operations through twilio-cli (api:trusthub:v1:end-users:*), redirected to
// trusthub-server by a --require preload, since the CLI has no base-URL option.
'use strict';

const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const { useServer, accounts } = require('../lib/harness');
const { cliFor } = require('../lib/cli');
const openapi = require('../lib/openapi');

let alice;
let bob;
const server = useServer({
    noSdk: true,
    setup(context) {
        alice = cliFor(context.url, accounts.alice);
        bob = cliFor(context.url, accounts.bob);
    },
});

after(() => {
    // Every body the CLI received conforms to the OpenAPI file (or to Twilio's error shape).
    const problems = [];
    for (const cli of [alice, bob]) {
        const responses = cli.responses();
        assert.ok(responses.length > 0, 'the CLI made no requests');
        for (const r of responses) {
            const url = new URL(r.uri);
            assert.ok(url.origin === server.url, `the CLI went to ${url.origin}`);
            const where = `${r.method.toUpperCase()} ${url.pathname} -> ${r.status}`;
            const found = r.status >= 400 ? openapi.errorProblems(r.body, r.status)
                : openapi.problems(r.body, openapi.pathTemplateOf(url.pathname), r.method.toUpperCase(), r.status);
            problems.push(...found.map((p) => `${where}: ${p}`));
        }
        cli.cleanup();
    }
    assert.deepEqual(problems, []);
});

const ok = (result) => {
    assert.equal(result.code, 0, `twilio-cli failed:\n${result.stdout}\n${result.stderr}`);
    return result.json;
};

// The CLI prints nothing at all, not `[]`, for an empty list.
const listOf = (result) => {
    const items = ok(result);
    if (items === undefined) {
        assert.equal(result.stdout.trim(), '', `not JSON: ${result.stdout}`);
        return [];
    }
    return items;
};

test('create, fetch, update, list and remove through the CLI', async () => {
    const attributes = { first_name: 'Ada', nested: { list: [1, null, true] }, 'odd+key': 'a&b=c %' };
    const [created] = ok(await alice(['api:trusthub:v1:end-users:create', '--friendly-name', 'Ada + Ünïcødé 😀',
        '--type', 'individual', '--attributes', JSON.stringify(attributes), '-o', 'json']));
    assert.match(created.sid, /^IT[0-9a-f]{32}$/);
    assert.equal(created.accountSid, accounts.alice.sid);
    assert.equal(created.friendlyName, 'Ada + Ünïcødé 😀');
    assert.equal(created.type, 'individual');
    assert.deepEqual(created.attributes, attributes);
    assert.equal(created.url, `${server.url}/v1/EndUsers/${created.sid}`);
    assert.ok(!Number.isNaN(Date.parse(created.dateCreated)));

    const [fetched] = ok(await alice(['api:trusthub:v1:end-users:fetch', '--sid', created.sid, '-o', 'json']));
    assert.deepEqual(fetched, created);

    const [updated] = ok(await alice(['api:trusthub:v1:end-users:update', '--sid', created.sid,
        '--friendly-name', 'renamed', '-o', 'json']));
    assert.equal(updated.friendlyName, 'renamed');
    assert.deepEqual(updated.attributes, attributes);

    const listed = ok(await alice(['api:trusthub:v1:end-users:list', '-o', 'json']));
    assert.deepEqual(listed.map((u) => u.sid), [created.sid]);

    const removed = await alice(['api:trusthub:v1:end-users:remove', '--sid', created.sid]);
    assert.equal(removed.code, 0, removed.stderr);
    assert.deepEqual(listOf(await alice(['api:trusthub:v1:end-users:list', '-o', 'json'])), []);
});

test('the CLI pages through next_page_url and honours --limit', async () => {
    for (let i = 0; i < 7; ++i)
        await server.alice.trusthub.v1.endUsers.create({ friendlyName: `paged ${i}`, type: 'individual' });
    const all = (await server.alice.trusthub.v1.endUsers.list()).map((u) => u.sid);
    const listed = ok(await alice(['api:trusthub:v1:end-users:list', '--page-size', '2', '--no-limit', '-o', 'json']));
    assert.deepEqual(listed.map((u) => u.sid), all);
    const limited = ok(await alice(['api:trusthub:v1:end-users:list', '--page-size', '2', '--limit', '3', '-o', 'json']));
    assert.deepEqual(limited.map((u) => u.sid), all.slice(0, 3));
});

test('the CLI reports the server\'s errors and another account sees nothing', async () => {
    const [mine] = ok(await alice(['api:trusthub:v1:end-users:create', '--friendly-name', 'private',
        '--type', 'individual', '-o', 'json']));
    const missing = await bob(['api:trusthub:v1:end-users:fetch', '--sid', mine.sid, '-o', 'json']);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stdout + missing.stderr, /20404/);
    assert.match(missing.stdout + missing.stderr, new RegExp(`/v1/EndUsers/${mine.sid} was not found`));
    assert.deepEqual(listOf(await bob(['api:trusthub:v1:end-users:list', '-o', 'json'])), []);

    const bad = await alice(['api:trusthub:v1:end-users:create', '--friendly-name', 'x', '--type', 'individual',
        '--attributes', '{not json', '-o', 'json']);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stdout + bad.stderr, /Attributes/);
});

test('the CLI lists and fetches Policies', async () => {
    const listed = ok(await alice(['api:trusthub:v1:policies:list', '-o', 'json']));
    const secondary = listed.find((p) => p.sid === 'RNdfbf3fae0e1107f8aded0e7cead80bf5');
    assert.ok(secondary, `no Secondary profile policy in ${JSON.stringify(listed.map((p) => p.sid))}`);
    const [fetched] = ok(await bob(['api:trusthub:v1:policies:fetch', '--sid', secondary.sid, '-o', 'json']));
    assert.equal(fetched.friendlyName, 'Secondary Customer Profile of type Business');
    assert.deepEqual(fetched.requirements, secondary.requirements);
});

test('the CLI builds a bundle: a profile, an EndUser assigned into it, a number, and the guards', async () => {
    const [profile] = ok(await alice(['api:trusthub:v1:customer-profiles:create', '--friendly-name', 'Acme',
        '--email', 'ops@acme.test', '--policy-sid', 'RNdfbf3fae0e1107f8aded0e7cead80bf5', '-o', 'json']));
    const [user] = ok(await alice(['api:trusthub:v1:end-users:create', '--friendly-name', 'Acme',
        '--type', 'customer_profile_business_information', '-o', 'json']));
    const [held] = ok(await alice(['api:trusthub:v1:customer-profiles:entity-assignments:create',
        '--customer-profile-sid', profile.sid, '--object-sid', user.sid, '-o', 'json']));
    assert.match(held.sid, /^BV[0-9a-f]{32}$/);
    const listed = listOf(await alice(['api:trusthub:v1:customer-profiles:entity-assignments:list',
        '--customer-profile-sid', profile.sid, '--properties', 'sid,objectSid', '-o', 'json']));
    assert.deepEqual(listed.map((a) => [a.sid, a.objectSid]), [[held.sid, user.sid]]);
    const number = 'PN0123456789abcdef0123456789abcdef';
    const [ra] = ok(await alice(['api:trusthub:v1:customer-profiles:channel-endpoint-assignments:create',
        '--customer-profile-sid', profile.sid, '--channel-endpoint-type', 'phone-number',
        '--channel-endpoint-sid', number, '-o', 'json']));
    assert.match(ra.sid, /^RA[0-9a-f]{32}$/);
    const found = listOf(await alice(['api:trusthub:v1:customer-profiles:channel-endpoint-assignments:list',
        '--customer-profile-sid', profile.sid, '--channel-endpoint-sids', `${number},PN${'0'.repeat(32)}`, '-o', 'json']));
    assert.deepEqual(found.map((a) => a.sid), [ra.sid]);

    // A TrustProduct holds the profile, and takes the number from it.
    const [product] = ok(await alice(['api:trusthub:v1:trust-products:create', '--friendly-name', 'A2P',
        '--email', 'ops@acme.test', '--policy-sid', 'RNb0d4771c2c98518d916a3d4cd70a8f8b', '-o', 'json']));
    const [inProduct] = ok(await alice(['api:trusthub:v1:trust-products:entity-assignments:create',
        '--trust-product-sid', product.sid, '--object-sid', profile.sid, '-o', 'json']));
    assert.match(inProduct.sid, /^BV[0-9a-f]{32}$/);
    const [productNumber] = ok(await alice(['api:trusthub:v1:trust-products:channel-endpoint-assignments:create',
        '--trust-product-sid', product.sid, '--channel-endpoint-type', 'phone-number',
        '--channel-endpoint-sid', number, '-o', 'json']));
    const onProduct = listOf(await alice(['api:trusthub:v1:trust-products:channel-endpoint-assignments:list',
        '--trust-product-sid', product.sid, '--channel-endpoint-sid', number, '-o', 'json']));
    assert.deepEqual(onProduct.map((a) => a.sid), [productNumber.sid]);

    // The EndUser is held; the CLI reports the server's own error.
    const refused = await alice(['api:trusthub:v1:end-users:remove', '--sid', user.sid]);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stdout + refused.stderr, /21644/);
    assert.equal((await alice(['api:trusthub:v1:customer-profiles:entity-assignments:remove',
        '--customer-profile-sid', profile.sid, '--sid', held.sid])).code, 0);
    assert.equal((await alice(['api:trusthub:v1:end-users:remove', '--sid', user.sid])).code, 0);
});

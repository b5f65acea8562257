// CustomerProfiles and TrustProducts (create, fetch, list with filters, update, remove) through
// the official Node SDK, every response checked against the OpenAPI file; and the control calls
// that do what Twilio's review and Console do to them.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { useServer, accounts } = require('../lib/harness');

const server = useServer({ args: ['--control'] });

const SID = /^BU[0-9a-f]{32}$/;
const PRIMARY = 'RN6433641899984f951173ef1738c3bdd0';
const SECONDARY = 'RNdfbf3fae0e1107f8aded0e7cead80bf5';
const STARTER = 'RN806dd6cd175f314e1f96a9727ee271f4';
const A2P = 'RNb0d4771c2c98518d916a3d4cd70a8f8b';
const SHAKEN = 'RN7a97559effdf62d00f4298208492a5ea';

const conflict = (e) => e.status === 409 && e.code === 20409;
const invalid = (name) => (e) => e.status === 400 && e.code === 20001 && e.message.startsWith(`Invalid parameter ${name}`);

test('a new CustomerProfile is a draft with every field the SDK maps and its links', async () => {
    const p = await server.alice.trusthub.v1.customerProfiles.create({
        friendlyName: 'Acme', email: 'ops@acme.test', policySid: SECONDARY,
        statusCallback: 'https://acme.test/cb' });
    assert.match(p.sid, SID);
    assert.equal(p.accountSid, accounts.alice.sid);
    assert.equal(p.policySid, SECONDARY);
    assert.equal(p.friendlyName, 'Acme');
    assert.equal(p.status, 'draft');
    assert.equal(p.email, 'ops@acme.test');
    assert.equal(p.statusCallback, 'https://acme.test/cb');
    assert.equal(p.validUntil, null);
    assert.equal(p.errors, null);
    assert.ok(p.dateCreated instanceof Date);
    const url = `${server.url}/v1/CustomerProfiles/${p.sid}`;
    assert.equal(p.url, url);
    assert.deepEqual(p.links, {
        customer_profiles_entity_assignments: `${url}/EntityAssignments`,
        customer_profiles_evaluations: `${url}/Evaluations`,
        customer_profiles_channel_endpoint_assignment: `${url}/ChannelEndpointAssignments`,
    });
    assert.deepEqual((await server.alice.trusthub.v1.customerProfiles(p.sid).fetch()).toJSON(), p.toJSON());
});

test('a TrustProduct is the same shape at its own path, and neither kind is found at the other\'s', async () => {
    const t = await server.alice.trusthub.v1.trustProducts.create({
        friendlyName: 'A2P', email: 'ops@acme.test', policySid: A2P });
    assert.match(t.sid, SID);
    assert.equal(t.status, 'draft');
    assert.equal(t.statusCallback, null);
    const url = `${server.url}/v1/TrustProducts/${t.sid}`;
    assert.deepEqual(t.links, {
        trust_products_entity_assignments: `${url}/EntityAssignments`,
        trust_products_evaluations: `${url}/Evaluations`,
        trust_products_channel_endpoint_assignment: `${url}/ChannelEndpointAssignments`,
    });
    const p = await server.alice.trusthub.v1.customerProfiles.create({
        friendlyName: 'profile', email: 'e', policySid: STARTER });
    await assert.rejects(server.alice.trusthub.v1.customerProfiles(t.sid).fetch(), (e) => e.status === 404 && e.code === 20404);
    await assert.rejects(server.alice.trusthub.v1.trustProducts(p.sid).fetch(), (e) => e.status === 404);
    await assert.rejects(server.alice.trusthub.v1.trustProducts(p.sid).remove(), (e) => e.status === 404);
    // Another account sees neither: 404, never 403.
    await assert.rejects(server.bob.trusthub.v1.trustProducts(t.sid).fetch(), (e) => e.status === 404);
    await assert.rejects(server.bob.trusthub.v1.customerProfiles(p.sid).update({ friendlyName: 'x' }),
        (e) => e.status === 404);
});

test('PolicySid must be a known policy for the bundle\'s kind, and not the Console-only Primary one', async () => {
    const profiles = server.bob.trusthub.v1.customerProfiles;
    const products = server.bob.trusthub.v1.trustProducts;
    await assert.rejects(profiles.create({ friendlyName: 'x', email: 'e', policySid: 'RN' + '0'.repeat(32) }),
        invalid('PolicySid'));
    await assert.rejects(profiles.create({ friendlyName: 'x', email: 'e', policySid: 'nope' }), invalid('PolicySid'));
    await assert.rejects(profiles.create({ friendlyName: 'x', email: 'e', policySid: SHAKEN }), invalid('PolicySid'));
    await assert.rejects(products.create({ friendlyName: 'x', email: 'e', policySid: SECONDARY }), invalid('PolicySid'));
    await assert.rejects(profiles.create({ friendlyName: 'x', email: 'e', policySid: PRIMARY }), invalid('PolicySid'));
    await assert.rejects(profiles.create({ friendlyName: 'x', email: 'e', policySid: SECONDARY,
        statusCallback: 'not a url' }), invalid('StatusCallback'));
    // None of them was stored.
    assert.deepEqual(await profiles.list(), []);
    assert.deepEqual(await products.list(), []);
});

test('list filters by Status, FriendlyName and PolicySid, echoed in the page URLs', async () => {
    const profiles = server.bob.trusthub.v1.customerProfiles;
    const a = await profiles.create({ friendlyName: 'alpha', email: 'e', policySid: SECONDARY });
    const b = await profiles.create({ friendlyName: 'beta', email: 'e', policySid: STARTER });
    const c = await profiles.create({ friendlyName: 'alpha', email: 'e', policySid: STARTER });
    const d = await profiles.create({ friendlyName: 'alpha', email: 'e', policySid: SECONDARY });
    await profiles(c.sid).update({ status: 'pending-review' });
    const sids = async (params) => (await profiles.list(params)).map((p) => p.sid);
    assert.deepEqual(await sids({}), [a.sid, b.sid, c.sid, d.sid]);
    assert.deepEqual(await sids({ friendlyName: 'alpha' }), [a.sid, c.sid, d.sid]);
    assert.deepEqual(await sids({ policySid: STARTER }), [b.sid, c.sid]);
    assert.deepEqual(await sids({ status: 'draft' }), [a.sid, b.sid, d.sid]);
    assert.deepEqual(await sids({ status: 'pending-review', friendlyName: 'alpha', policySid: STARTER }), [c.sid]);
    assert.deepEqual(await sids({ status: 'twilio-approved' }), []);
    // The filters ride along in the page links, in the operation's order, before the paging.
    const first = await profiles.page({ policySid: SECONDARY, friendlyName: 'alpha', status: 'draft', pageSize: 1 });
    assert.deepEqual(first.instances.map((p) => p.sid), [a.sid]);
    assert.ok(first.nextPageUrl.startsWith(
        `${server.url}/v1/CustomerProfiles?Status=draft&FriendlyName=alpha&PolicySid=${SECONDARY}&PageSize=1&Page=1&PageToken=`),
    first.nextPageUrl);
    const second = await first.nextPage();
    assert.deepEqual(second.instances.map((p) => p.sid), [d.sid]);
    assert.equal(second.nextPageUrl, undefined);
    await assert.rejects(profiles.list({ status: 'approved' }), invalid('Status'));
});

test('status moves as a client may move it; every other move is 409 and changes nothing', async () => {
    const products = server.alice.trusthub.v1.trustProducts;
    const t = await products.create({ friendlyName: 'flow', email: 'e', policySid: SHAKEN });
    // The OpenAPI example's update: draft with other fields, accepted.
    const same = await products(t.sid).update({ status: 'draft', friendlyName: 'flow 2', email: 'f',
        statusCallback: 'http://example.com/cb' });
    assert.equal(same.status, 'draft');
    assert.equal(same.friendlyName, 'flow 2');
    for (const status of ['in-review', 'twilio-approved', 'twilio-rejected'])
        await assert.rejects(products(t.sid).update({ status }), conflict, status);
    const submitted = await products(t.sid).update({ status: 'pending-review' });
    assert.equal(submitted.status, 'pending-review');
    for (const status of ['draft', 'pending-review', 'twilio-approved'])
        await assert.rejects(products(t.sid).update({ status, friendlyName: 'changed' }), conflict, status);
    // Nothing else changed with the refused moves; other fields still may.
    const now = await products(t.sid).fetch();
    assert.equal(now.friendlyName, 'flow 2');
    assert.equal((await products(t.sid).update({ friendlyName: 'renamed' })).friendlyName, 'renamed');
    // Under review, it cannot be deleted.
    await assert.rejects(products(t.sid).remove(), conflict);
    assert.equal((await products(t.sid).fetch()).status, 'pending-review');
});

test('a draft bundle is deleted, and is gone', async () => {
    const profiles = server.alice.trusthub.v1.customerProfiles;
    const p = await profiles.create({ friendlyName: 'short-lived', email: 'e', policySid: SECONDARY });
    assert.equal(await profiles(p.sid).remove(), true);
    await assert.rejects(profiles(p.sid).fetch(), (e) => e.status === 404 && e.code === 20404);
});

// A call to the control API as `account`; resolves to { status, body }.
async function control(account, method, what, body) {
    const response = await fetch(`${server.url}/_trusthub${what}`, {
        method,
        headers: {
            authorization: 'Basic ' + Buffer.from(`${account.sid}:${account.token}`).toString('base64'),
            'content-type': 'application/json',
        },
        body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

test('the review call moves a bundle anywhere; the client then moves it as Twilio lets it', async () => {
    const profiles = server.alice.trusthub.v1.customerProfiles;
    const p = await profiles.create({ friendlyName: 'reviewed', email: 'e', policySid: SECONDARY });
    await profiles(p.sid).update({ status: 'pending-review' });

    const rejected = await control(accounts.alice, 'POST', `/bundles/${p.sid}/review`,
        { status: 'twilio-rejected', errors: [{ code: 18601 }] });
    assert.equal(rejected.status, 200, JSON.stringify(rejected.body));
    assert.equal(rejected.body.status, 'twilio-rejected');
    const seen = await profiles(p.sid).fetch();
    assert.equal(seen.status, 'twilio-rejected');
    assert.deepEqual(seen.errors, [{ code: 18601 }]);
    assert.equal(seen.validUntil, null);
    // Rejected: the client may reopen it, or submit it again.
    assert.equal((await profiles(p.sid).update({ status: 'draft' })).status, 'draft');
    assert.equal((await profiles(p.sid).update({ status: 'pending-review' })).status, 'pending-review');

    const approved = await control(accounts.alice, 'POST', `/bundles/${p.sid}/review`, { status: 'twilio-approved' });
    assert.equal(approved.status, 200);
    const fetched = await profiles(p.sid).fetch();
    assert.equal(fetched.status, 'twilio-approved');
    assert.equal(fetched.errors, null);
    // A year from the decision, by default (the two dates are read a moment apart).
    const year = fetched.validUntil.getTime() - fetched.dateUpdated.getTime();
    assert.ok(Math.abs(year - 365 * 86400 * 1000) <= 1000, `valid for ${year} ms`);
    await assert.rejects(profiles(p.sid).update({ status: 'draft' }), conflict);
    // Approved and referred to by nothing: it may be deleted.
    assert.equal(await profiles(p.sid).remove(), true);
});

test('the review call finds TrustProducts too, and never another account\'s bundle', async () => {
    const t = await server.bob.trusthub.v1.trustProducts.create({ friendlyName: 'tp', email: 'e', policySid: SHAKEN });
    const moved = await control(accounts.bob, 'POST', `/bundles/${t.sid}/review`,
        { status: 'in-review', valid_until: '2030-01-02T03:04:05Z' });
    assert.equal(moved.status, 200);
    assert.equal(moved.body.url, `${server.url}/v1/TrustProducts/${t.sid}`);
    const seen = await server.bob.trusthub.v1.trustProducts(t.sid).fetch();
    assert.equal(seen.status, 'in-review');
    assert.equal(seen.validUntil.toISOString(), '2030-01-02T03:04:05.000Z');
    const foreign = await control(accounts.alice, 'POST', `/bundles/${t.sid}/review`, { status: 'twilio-approved' });
    assert.equal(foreign.status, 404);
    assert.equal(foreign.body.code, 20404);
    for (const body of [{}, { status: 'approved' }, { status: 'draft', errors: [{ code: 'x' }] },
        { status: 'draft', valid_until: 'soon' }, { status: 'draft', extra: 1 }]) {
        const bad = await control(accounts.bob, 'POST', `/bundles/${t.sid}/review`, body);
        assert.equal(bad.status, 400, JSON.stringify(body));
        assert.equal(bad.body.code, 20001);
    }
    assert.equal((await server.bob.trusthub.v1.trustProducts(t.sid).fetch()).status, 'in-review');
});

test('the primary-profile call makes the approved Primary profile the API refuses to make', async () => {
    const made = await control(accounts.bob, 'POST', '/primary-profile', { friendly_name: 'Bob Inc', email: 'bob@inc.test' });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const p = await server.bob.trusthub.v1.customerProfiles(made.body.sid).fetch();
    assert.equal(p.policySid, PRIMARY);
    assert.equal(p.status, 'twilio-approved');
    assert.equal(p.friendlyName, 'Bob Inc');
    assert.ok(p.validUntil > p.dateCreated);
    const missing = await control(accounts.bob, 'POST', '/primary-profile', { friendly_name: 'no email' });
    assert.equal(missing.status, 400);
    assert.match(missing.body.message, /email/);
});

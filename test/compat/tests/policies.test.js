// Policies (list and fetch) through the official Node SDK and twilio-cli, every response
// checked against the OpenAPI file; the requirements Twilio's own examples show are served as
// they show them.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { useServer, accounts } = require('../lib/harness');
const openapi = require('../lib/openapi');

const server = useServer();

const SID = /^RN[0-9a-f]{32}$/;
const SECONDARY = 'RNdfbf3fae0e1107f8aded0e7cead80bf5';

// The `value` of a named example of `GET /v1/Policies/{Sid}` in Twilio's OpenAPI file.
function example(name) {
    return openapi.spec.paths['/v1/Policies/{Sid}'].get.responses['200'].content['application/json'].examples[name]
        .value;
}

test('list: every policy, with the SIDs Twilio\'s clients use, each fetchable', async () => {
    const policies = await server.alice.trusthub.v1.policies.list();
    assert.deepEqual(policies.map((p) => p.sid), [
        'RN6433641899984f951173ef1738c3bdd0', SECONDARY, 'RN806dd6cd175f314e1f96a9727ee271f4',
        'RN670d5d2e282a6130ae063b234b6019c8', 'RNb0d4771c2c98518d916a3d4cd70a8f8b',
        'RN7a97559effdf62d00f4298208492a5ea']);
    for (const p of policies) {
        assert.match(p.sid, SID);
        assert.equal(p.url, `${server.url}/v1/Policies/${p.sid}`);
        assert.deepEqual(Object.keys(p.toJSON()).sort(), ['friendlyName', 'requirements', 'sid', 'url']);
        for (const key of ['end_user', 'supporting_document', 'supporting_customer_profiles',
            'supporting_trust_products'])
            assert.ok(Array.isArray(p.requirements[key]), `${p.sid} requirements.${key}`);
        const fetched = await server.bob.trusthub.v1.policies(p.sid).fetch();
        assert.deepEqual(fetched.toJSON(), p.toJSON());
    }
});

test('the Starter and Sole Proprietor policies are Twilio\'s examples, key for key', async () => {
    for (const name of ['fetchStarterCustomerProfilePolicy', 'fetchSoleProprietorTrustBundlePolicy']) {
        const want = example(name);
        const got = await server.alice.trusthub.v1.policies(want.sid).fetch();
        assert.equal(got.friendlyName, want.friendly_name);
        assert.deepEqual(got.requirements, want.requirements);
        // Key order too: a client that prints the requirements sees Twilio's.
        assert.equal(JSON.stringify(got.requirements), JSON.stringify(want.requirements));
    }
    const primary = await server.alice.trusthub.v1.policies('RN6433641899984f951173ef1738c3bdd0').fetch();
    assert.equal(JSON.stringify(primary.requirements), JSON.stringify(example('fetch').requirements));
});

test('the Secondary profile policy asks for a Primary profile besides the business\'s own data', async () => {
    const p = await server.alice.trusthub.v1.policies(SECONDARY).fetch();
    assert.equal(p.friendlyName, 'Secondary Customer Profile of type Business');
    assert.deepEqual(p.requirements.end_user.map((r) => r.type),
        ['customer_profile_business_information', 'authorized_representative_1', 'authorized_representative_2']);
    assert.deepEqual(p.requirements.supporting_customer_profiles.map((r) => r.type),
        ['primary_customer_profile_type_business']);
    assert.deepEqual(p.requirements.supporting_document[0][0].accepted_documents.map((d) => d.type),
        ['customer_profile_address']);
});

test('paging one policy at a time walks the catalogue forward and back', async () => {
    const all = (await server.alice.trusthub.v1.policies.list()).map((p) => p.sid);
    const seen = [];
    let page = await server.alice.trusthub.v1.policies.page({ pageSize: 1 });
    for (;;) {
        seen.push(...page.instances.map((p) => p.sid));
        const next = await page.nextPage();
        if (!next)
            break;
        page = next;
    }
    assert.deepEqual(seen, all);
    const back = await page.previousPage();
    assert.deepEqual(back.instances.map((p) => p.sid), [all[all.length - 2]]);
});

test('an unknown or malformed SID is 404, and Policies take no writes', async () => {
    for (const sid of ['RN' + 'f'.repeat(32), 'not-a-sid', 'IT' + '0'.repeat(32)])
        await assert.rejects(server.alice.trusthub.v1.policies(sid).fetch(),
            (e) => e.status === 404 && e.code === 20404);
    const authorization = 'Basic ' + Buffer.from(`${accounts.alice.sid}:${accounts.alice.token}`).toString('base64');
    for (const [method, path] of [['POST', '/v1/Policies'], ['POST', `/v1/Policies/${SECONDARY}`],
        ['DELETE', `/v1/Policies/${SECONDARY}`]]) {
        const res = await fetch(`${server.url}${path}`, { method, headers: { authorization } });
        assert.equal(res.status, 405, `${method} ${path}`);
        assert.match(res.headers.get('allow'), /\bGET\b/);
        assert.equal((await res.json()).code, 20004);
    }
    // Still all six, unchanged.
    assert.equal((await server.alice.trusthub.v1.policies.list()).length, 6);
});

// The EndUserTypes catalogue through the official Node SDK (list, paging, fetch by SID and by
// machine name), and the strict type checks as the SDK reports them.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { useServer, useExtraServer, accounts } = require('../lib/harness');
const sdk = require('../lib/sdk');

const server = useServer();

const SID = /^OY[0-9a-f]{32}$/;
const EXPECTED = {
    authorized_representative_1: ['first_name', 'last_name', 'email', 'phone_number', 'business_title', 'job_position'],
    authorized_representative_2: ['first_name', 'last_name', 'email', 'phone_number', 'business_title', 'job_position'],
    customer_profile_business_information: ['business_type', 'business_registration_number', 'business_name',
        'business_registration_identifier', 'business_identity', 'business_industry', 'website_url',
        'business_regions_of_operation', 'social_media_profile_urls'],
    starter_customer_profile_information: ['first_name', 'last_name', 'email', 'phone_number'],
    sole_proprietor_information: ['brand_name', 'mobile_phone_number', 'vertical'],
    us_a2p_messaging_profile_information: ['company_type', 'stock_exchange', 'stock_ticker', 'brand_contact_email'],
};

test('list() returns the catalogue with every field the SDK maps', async () => {
    const types = await server.alice.trusthub.v1.endUserTypes.list();
    const byName = Object.fromEntries(types.map((t) => [t.machineName, t]));
    for (const [name, fields] of Object.entries(EXPECTED)) {
        const t = byName[name];
        assert.ok(t, `${name} is not listed`);
        assert.match(t.sid, SID);
        assert.equal(typeof t.friendlyName, 'string');
        assert.equal(t.url, `${server.url}/v1/EndUserTypes/${t.sid}`);
        assert.deepEqual(t.fields.map((f) => f.machine_name).sort(), [...fields].sort());
        for (const f of t.fields)
            assert.deepEqual(Object.keys(f).sort(), ['constraint', 'friendly_name', 'machine_name']);
        assert.deepEqual(Object.keys(t.toJSON()).sort(), ['fields', 'friendlyName', 'machineName', 'sid', 'url']);
    }
    assert.equal(new Set(types.map((t) => t.sid)).size, types.length);
});

test('paging by two gives the same types in the same order', async () => {
    const all = await server.alice.trusthub.v1.endUserTypes.list();
    const paged = await server.alice.trusthub.v1.endUserTypes.list({ pageSize: 2 });
    assert.deepEqual(paged.map((t) => t.sid), all.map((t) => t.sid));
    const first = await server.alice.trusthub.v1.endUserTypes.page({ pageSize: 2 });
    assert.equal(first.instances.length, 2);
    const second = await first.nextPage();
    assert.deepEqual(second.instances.map((t) => t.sid), all.slice(2, 4).map((t) => t.sid));
    const back = await second.previousPage();
    assert.deepEqual(back.instances.map((t) => t.sid), all.slice(0, 2).map((t) => t.sid));
});

test('fetch() by SID and by machine name give the same type', async () => {
    const [listed] = await server.alice.trusthub.v1.endUserTypes.list({ limit: 1 });
    const bySid = await server.alice.trusthub.v1.endUserTypes(listed.sid).fetch();
    assert.deepEqual(bySid.toJSON(), listed.toJSON());
    const byName = await server.bob.trusthub.v1.endUserTypes(listed.machineName).fetch();
    assert.deepEqual(byName.toJSON(), listed.toJSON());
    assert.equal(byName.machineName, 'authorized_representative_1');
    assert.equal(byName.friendlyName, 'Authorized Representative one');
});

test('an unknown type is a RestException 404', async () => {
    const sid = 'OY' + '0'.repeat(32);
    const error = await sdk.restError(server.alice.trusthub.v1.endUserTypes(sid).fetch());
    assert.equal(error.status, 404);
    assert.equal(error.code, 20404);
    assert.equal(error.message, `The requested resource /v1/EndUserTypes/${sid} was not found`);
});

test('wrong credentials are a RestException 401', async () => {
    const stranger = sdk.clientFor({ sid: accounts.alice.sid, token: 'wrong' }, server.url);
    const error = await sdk.restError(stranger.trusthub.v1.endUserTypes.list());
    assert.equal(error.status, 401);
    assert.equal(error.code, 20003);
});

test('checks are off by default: any type and key is created', async () => {
    const u = await server.alice.trusthub.v1.endUsers.create({
        friendlyName: 'free', type: 'not_a_type', attributes: { anything: 1 } });
    assert.equal(u.type, 'not_a_type');
});

// A second server, with strict checks, for the rest of the file.
const strict = useExtraServer(['--check-types', 'strict']);

test('strict: an unknown Type or Attributes key is a RestException 400 naming it', async () => {
    const endUsers = strict.alice.trusthub.v1.endUsers;
    const unknownType = await sdk.restError(endUsers.create({ friendlyName: 'x', type: 'individuals' }));
    assert.equal(unknownType.status, 400);
    assert.equal(unknownType.code, 20001);
    assert.equal(unknownType.message, 'Invalid parameter Type: "individuals" is not an end user type');

    const unknownKey = await sdk.restError(endUsers.create({
        friendlyName: 'x', type: 'authorized_representative_1', attributes: { first_name: 'Ada', nickname: 'A' } }));
    assert.equal(unknownKey.status, 400);
    assert.equal(unknownKey.message,
        'Invalid parameter Attributes: "nickname" is not a field of end user type authorized_representative_1');
    assert.deepEqual(await endUsers.list(), []);

    const ok = await endUsers.create({
        friendlyName: 'ok', type: 'authorized_representative_1', attributes: { first_name: 'Ada' } });
    const refused = await sdk.restError(endUsers(ok.sid).update({ attributes: { vertical: 'x' } }));
    assert.equal(refused.status, 400);
    assert.deepEqual((await endUsers(ok.sid).fetch()).attributes, { first_name: 'Ada' });
    const updated = await endUsers(ok.sid).update({ attributes: { last_name: 'Lovelace' } });
    assert.deepEqual(updated.attributes, { last_name: 'Lovelace' });
});

// SupportingDocuments (create, fetch, list, update, remove) and the SupportingDocumentTypes
// catalogue through the official Node SDK, every response checked against the OpenAPI file.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { useServer, accounts } = require('../lib/harness');

const server = useServer();

const SID = /^RD[0-9a-f]{32}$/;
const TYPE_SID = /^OY[0-9a-f]{32}$/;
const address = { address_sids: 'AD0123456789abcdef0123456789abcdef' };

test('create returns every field the SDK maps, a new document being DRAFT', async () => {
    const d = await server.alice.trusthub.v1.supportingDocuments.create({
        friendlyName: 'HQ', type: 'customer_profile_address', attributes: address });
    assert.match(d.sid, SID);
    assert.equal(d.accountSid, accounts.alice.sid);
    assert.equal(d.friendlyName, 'HQ');
    assert.equal(d.type, 'customer_profile_address');
    assert.equal(d.status, 'DRAFT');
    assert.equal(d.mimeType, null);
    assert.deepEqual(d.attributes, address);
    assert.ok(d.dateCreated instanceof Date);
    assert.equal(d.dateUpdated.getTime(), d.dateCreated.getTime());
    assert.equal(d.url, `${server.url}/v1/SupportingDocuments/${d.sid}`);
    assert.deepEqual(Object.keys(d.toJSON()).sort(),
        ['accountSid', 'attributes', 'dateCreated', 'dateUpdated', 'friendlyName', 'mimeType', 'sid', 'status',
            'type', 'url']);
});

test('fetch, update and remove', async () => {
    const docs = server.alice.trusthub.v1.supportingDocuments;
    const made = await docs.create({ friendlyName: 'proof', type: 'government_issued_proof_of_authorized_representative',
        attributes: { first_name: 'Ada', last_name: 'Lovelace', business_name: 'Acme' } });
    const fetched = await docs(made.sid).fetch();
    assert.deepEqual(fetched.toJSON(), made.toJSON());

    const renamed = await docs(made.sid).update({ friendlyName: 'proof of identity' });
    assert.equal(renamed.friendlyName, 'proof of identity');
    assert.deepEqual(renamed.attributes, made.attributes);
    assert.equal(renamed.type, made.type);
    const replaced = await docs(made.sid).update({ attributes: { first_name: 'Grace' } });
    assert.deepEqual(replaced.attributes, { first_name: 'Grace' });
    assert.equal(replaced.friendlyName, 'proof of identity');

    assert.equal(await docs(made.sid).remove(), true);
    await assert.rejects(docs(made.sid).fetch(), (e) => e.status === 404 && e.code === 20404);
});

test('required parameters and a malformed Attributes are refused as Twilio refuses them', async () => {
    const docs = server.alice.trusthub.v1.supportingDocuments;
    // An empty value passes the SDK's own check and reaches the server, which treats it as missing.
    await assert.rejects(docs.create({ friendlyName: '', type: 't' }),
        (e) => e.status === 400 && e.code === 20001 && e.message === 'Missing required parameter FriendlyName in the post body');
    await assert.rejects(docs.create({ friendlyName: 'no type', type: '' }),
        (e) => e.status === 400 && e.code === 20001 && e.message === 'Missing required parameter Type in the post body');
    await assert.rejects(docs.create({ friendlyName: 'x', type: 't', attributes: '[1]' }),
        (e) => e.status === 400 && e.code === 20001 && e.message === 'Invalid parameter Attributes: must be a JSON object');
});

test('list pages the account\'s documents only, and one account cannot see another\'s', async () => {
    const mine = [];
    for (let i = 0; i < 5; ++i)
        mine.push((await server.bob.trusthub.v1.supportingDocuments.create({ friendlyName: `doc ${i}`, type: 't' })).sid);
    const listed = await server.bob.trusthub.v1.supportingDocuments.list({ pageSize: 2 });
    assert.deepEqual(listed.map((d) => d.sid), mine);
    const first = await server.bob.trusthub.v1.supportingDocuments.page({ pageSize: 2 });
    const second = await first.nextPage();
    assert.deepEqual(second.instances.map((d) => d.sid), mine.slice(2, 4));
    const back = await second.previousPage();
    assert.deepEqual(back.instances.map((d) => d.sid), mine.slice(0, 2));
    // Alice sees none of them: 404, never 403.
    await assert.rejects(server.alice.trusthub.v1.supportingDocuments(mine[0]).fetch(), (e) => e.status === 404);
    const alices = await server.alice.trusthub.v1.supportingDocuments.list();
    assert.ok(alices.every((d) => !mine.includes(d.sid)));
});

test('SupportingDocumentTypes: list and fetch by SID and by machine name', async () => {
    const types = await server.alice.trusthub.v1.supportingDocumentTypes.list();
    const names = types.map((t) => t.machineName).sort();
    assert.deepEqual(names, ['customer_profile_address', 'government_issued_proof_of_authorized_representative',
        'starter_customer_profile_address']);
    for (const t of types) {
        assert.match(t.sid, TYPE_SID);
        assert.equal(t.url, `${server.url}/v1/SupportingDocumentTypes/${t.sid}`);
        assert.deepEqual(Object.keys(t.toJSON()).sort(), ['fields', 'friendlyName', 'machineName', 'sid', 'url']);
        const bySid = await server.alice.trusthub.v1.supportingDocumentTypes(t.sid).fetch();
        assert.deepEqual(bySid.toJSON(), t.toJSON());
        const byName = await server.bob.trusthub.v1.supportingDocumentTypes(t.machineName).fetch();
        assert.deepEqual(byName.toJSON(), t.toJSON());
    }
    const addr = types.find((t) => t.machineName === 'customer_profile_address');
    assert.deepEqual(addr.fields, [{ machine_name: 'address_sids', friendly_name: 'Address Sids', constraint: 'List' }]);
    await assert.rejects(server.alice.trusthub.v1.supportingDocumentTypes('OY' + 'f'.repeat(32)).fetch(),
        (e) => e.status === 404 && e.code === 20404);
});

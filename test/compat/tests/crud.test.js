// Create, fetch, update and remove through the official Node SDK, checking every field it maps.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { useServer, accounts } = require('../lib/harness');

const server = useServer();

const SID = /^IT[0-9a-f]{32}$/;

// Dates are to the second, so a record made now is dated within a few seconds of now.
function assertRecent(date) {
    assert.ok(date instanceof Date, `expected a Date, got ${date}`);
    assert.equal(date.getUTCMilliseconds(), 0);
    assert.ok(Math.abs(date.getTime() - Date.now()) < 60_000, `${date.toISOString()} is not about now`);
}

test('create returns every field the SDK exposes', async () => {
    const attributes = { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com' };
    const u = await server.alice.trusthub.v1.endUsers.create({
        friendlyName: 'auth_rep_1', type: 'authorized_representative_1', attributes });
    assert.match(u.sid, SID);
    assert.equal(u.accountSid, accounts.alice.sid);
    assert.equal(u.friendlyName, 'auth_rep_1');
    assert.equal(u.type, 'authorized_representative_1');
    assert.deepEqual(u.attributes, attributes);
    assertRecent(u.dateCreated);
    assert.equal(u.dateUpdated.getTime(), u.dateCreated.getTime());
    assert.equal(u.url, `${server.url}/v1/EndUsers/${u.sid}`);
    // toJSON lists exactly the fields above: nothing unmapped, nothing missing.
    assert.deepEqual(Object.keys(u.toJSON()).sort(),
        ['accountSid', 'attributes', 'dateCreated', 'dateUpdated', 'friendlyName', 'sid', 'type', 'url']);
});

test('create without Attributes gives an empty object', async () => {
    const u = await server.alice.trusthub.v1.endUsers.create({ friendlyName: 'no attributes', type: 'individual' });
    assert.deepEqual(u.attributes, {});
});

test('fetch returns what create returned', async () => {
    const created = await server.alice.trusthub.v1.endUsers.create({
        friendlyName: 'fetch me', type: 'business', attributes: { business_name: 'Acme' } });
    const fetched = await server.alice.trusthub.v1.endUsers(created.sid).fetch();
    assert.deepEqual(fetched.toJSON(), created.toJSON());
    // A fetched instance's own methods go to the same place. (Instances from create and list
    // cannot do this in twilio-node 6.2.0: it builds them without the path SID.)
    const again = await fetched.fetch();
    assert.deepEqual(again.toJSON(), created.toJSON());
});

test('each SID is new', async () => {
    const sids = new Set();
    for (let i = 0; i < 20; ++i)
        sids.add((await server.alice.trusthub.v1.endUsers.create({ friendlyName: `n${i}`, type: 'individual' })).sid);
    assert.equal(sids.size, 20);
});

test('update changes what it is given and keeps the rest', async () => {
    const endUsers = server.alice.trusthub.v1.endUsers;
    const created = await endUsers.create({ friendlyName: 'before', type: 'individual', attributes: { a: 1 } });

    const renamed = await endUsers(created.sid).update({ friendlyName: 'after' });
    assert.equal(renamed.friendlyName, 'after');
    assert.deepEqual(renamed.attributes, { a: 1 });
    assert.equal(renamed.type, 'individual');
    assert.equal(renamed.sid, created.sid);
    assert.equal(renamed.accountSid, created.accountSid);
    assert.equal(renamed.url, created.url);
    assert.equal(renamed.dateCreated.getTime(), created.dateCreated.getTime());
    assert.ok(renamed.dateUpdated >= created.dateUpdated);

    const reattributed = await endUsers(created.sid).update({ attributes: { b: [true, null] } });
    assert.equal(reattributed.friendlyName, 'after');
    assert.deepEqual(reattributed.attributes, { b: [true, null] });  // replaced, not merged

    const fetched = await endUsers(created.sid).fetch();
    const both = await fetched.update({ friendlyName: 'both', attributes: {} });
    assert.equal(both.friendlyName, 'both');
    assert.deepEqual(both.attributes, {});

    assert.deepEqual((await endUsers(created.sid).fetch()).toJSON(), both.toJSON());
});

test('remove answers true, and the record is gone', async () => {
    const endUsers = server.alice.trusthub.v1.endUsers;
    const created = await endUsers.create({ friendlyName: 'short-lived', type: 'individual' });
    assert.equal(await endUsers(created.sid).remove(), true);
    await assert.rejects(endUsers(created.sid).fetch(), (e) => e.status === 404);
    await assert.rejects(endUsers(created.sid).remove(), (e) => e.status === 404);
    const sids = (await endUsers.list()).map((u) => u.sid);
    assert.ok(!sids.includes(created.sid));

    const other = await endUsers.create({ friendlyName: 'instance remove', type: 'individual' });
    assert.equal(await (await endUsers(other.sid).fetch()).remove(), true);
    await assert.rejects(endUsers(other.sid).fetch(), (e) => e.status === 404);
});

// Another account's records are invisible through the SDK: not listed, not fetched, not
// changed, not removed, and its page links lead nowhere.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { useServer } = require('../lib/harness');
const { restError } = require('../lib/sdk');

const records = { alice: [], bob: [] };
const server = useServer({
    async setup({ alice, bob }) {
        for (let i = 0; i < 5; ++i) {
            records.alice.push(await alice.trusthub.v1.endUsers.create({ friendlyName: `alice ${i}`, type: 'individual' }));
            records.bob.push(await bob.trusthub.v1.endUsers.create({ friendlyName: `bob ${i}`, type: 'business' }));
        }
    },
});

const sids = (items) => items.map((u) => u.sid);

test('each account lists only its own records', async () => {
    assert.deepEqual(sids(await server.alice.trusthub.v1.endUsers.list({ pageSize: 2 })), sids(records.alice));
    assert.deepEqual(sids(await server.bob.trusthub.v1.endUsers.list({ pageSize: 2 })), sids(records.bob));
    for (const u of await server.bob.trusthub.v1.endUsers.list())
        assert.equal(u.accountSid, records.bob[0].accountSid);
});

test('another account\'s SID is not found, and stays untouched', async () => {
    const target = records.alice[2];
    const theirs = server.bob.trusthub.v1.endUsers(target.sid);
    const message = `The requested resource /v1/EndUsers/${target.sid} was not found`;
    for (const attempt of [theirs.fetch(), theirs.update({ friendlyName: 'taken over', attributes: { x: 1 } }), theirs.remove()]) {
        const error = await restError(attempt);
        assert.equal(error.status, 404);
        assert.equal(error.code, 20404);
        assert.equal(error.message, message);  // the same answer as for a SID that never existed
    }
    const still = await server.alice.trusthub.v1.endUsers(target.sid).fetch();
    assert.deepEqual(still.toJSON(), (await server.alice.trusthub.v1.endUsers(target.sid).fetch()).toJSON());
    assert.equal(still.friendlyName, 'alice 2');
    assert.deepEqual(still.attributes, {});
});

test('a page link of one account does not page through another', async () => {
    const bobsPage = await server.bob.trusthub.v1.endUsers.page({ pageSize: 2 });
    assert.ok(bobsPage.nextPageUrl);
    const error = await restError(server.alice.trusthub.v1.endUsers.getPage(bobsPage.nextPageUrl));
    assert.equal(error.status, 400);
    assert.match(error.message, /PageToken/);
});

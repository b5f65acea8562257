// Failures as the SDK raises them: RestException with Twilio's status, code, message and
// moreInfo, for 404, 401, 400 and 405.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { useServer, accounts } = require('../lib/harness');
const { clientFor, restError } = require('../lib/sdk');

const server = useServer();

function assertRest(error, status, code, message) {
    assert.equal(error.status, status);
    assert.equal(error.code, code);
    if (message instanceof RegExp)
        assert.match(error.message, message);
    else
        assert.equal(error.message, message);
    assert.equal(error.moreInfo, `https://www.twilio.com/docs/errors/${code}`);
}

const UNKNOWN = 'IT' + '0'.repeat(32);

test('404 for an unknown SID, from fetch, update and remove', async () => {
    const endUser = server.alice.trusthub.v1.endUsers(UNKNOWN);
    const notFound = `The requested resource /v1/EndUsers/${UNKNOWN} was not found`;
    assertRest(await restError(endUser.fetch()), 404, 20404, notFound);
    assertRest(await restError(endUser.update({ friendlyName: 'x' })), 404, 20404, notFound);
    assertRest(await restError(endUser.remove()), 404, 20404, notFound);
});

test('404 for a malformed SID', async () => {
    for (const sid of ['ITnothex', 'IT' + 'A'.repeat(32), 'XX' + '0'.repeat(32), 'IT' + '0'.repeat(33)]) {
        const error = await restError(server.alice.trusthub.v1.endUsers(sid).fetch());
        assertRest(error, 404, 20404, `The requested resource /v1/EndUsers/${sid} was not found`);
    }
});

test('404 for a path no route serves, through the SDK\'s own request machinery', async () => {
    const error = await restError(server.alice.trusthub.v1.fetch({ uri: '/EndUsers/' + UNKNOWN + '/Nothing', method: 'get' }));
    assertRest(error, 404, 20404, `The requested resource /v1/EndUsers/${UNKNOWN}/Nothing was not found`);
});

test('401 for a wrong token, an unknown account, and another account\'s token', async () => {
    const wrong = [
        { sid: accounts.alice.sid, token: 'not-the-token' },
        { sid: 'AC' + 'c3'.repeat(16), token: accounts.alice.token },
        { sid: accounts.alice.sid, token: accounts.bob.token },
    ];
    for (const account of wrong) {
        const client = clientFor(account, server.url);
        assertRest(await restError(client.trusthub.v1.endUsers.list()), 401, 20003, 'Authenticate');
        assertRest(await restError(client.trusthub.v1.endUsers.create({ friendlyName: 'x', type: 'individual' })),
            401, 20003, 'Authenticate');
        assertRest(await restError(client.trusthub.v1.endUsers(UNKNOWN).fetch()), 401, 20003, 'Authenticate');
    }
});

test('400 for a missing required parameter', async () => {
    // The SDK itself refuses undefined; an empty value reaches the server, which treats it as absent.
    const endUsers = server.alice.trusthub.v1.endUsers;
    assertRest(await restError(endUsers.create({ friendlyName: '', type: 'individual' })),
        400, 20001, 'Missing required parameter FriendlyName in the post body');
    assertRest(await restError(endUsers.create({ friendlyName: 'x', type: '' })),
        400, 20001, 'Missing required parameter Type in the post body');
});

test('400 for Attributes that are not a JSON object', async () => {
    const endUsers = server.alice.trusthub.v1.endUsers;
    for (const attributes of ['{not json', '[1,2]', '"text"', '42', '{"a":1} trailing']) {
        const error = await restError(endUsers.create({ friendlyName: 'x', type: 'individual', attributes }));
        assertRest(error, 400, 20001, /Attributes/);
    }
    const u = await endUsers.create({ friendlyName: 'kept', type: 'individual', attributes: { a: 1 } });
    assertRest(await restError(endUsers(u.sid).update({ attributes: '{broken' })), 400, 20001, /Attributes/);
    assert.deepEqual((await endUsers(u.sid).fetch()).attributes, { a: 1 }, 'a refused update changes nothing');
});

test('400 for a PageSize out of range, and for a forged PageToken', async () => {
    const endUsers = server.alice.trusthub.v1.endUsers;
    for (const pageSize of [0, 1001, -1])
        assertRest(await restError(endUsers.page({ pageSize })), 400, 20001, /PageSize/);
    const forged = await restError(endUsers.page({ pageSize: 2, pageToken: 'PAforged' }));
    assert.equal(forged.status, 400);
    assert.match(forged.message, /PageToken/);
    assert.equal(forged.moreInfo, `https://www.twilio.com/docs/errors/${forged.code}`);
});

test('405 for a method a path does not support', async () => {
    const v1 = server.alice.trusthub.v1;
    assertRest(await restError(v1.remove({ uri: '/EndUsers', method: 'delete' })), 405, 20004,
        'The requested resource /v1/EndUsers does not support the attempted HTTP method DELETE');
    assertRest(await restError(v1.update({ uri: `/EndUsers/${UNKNOWN}`, method: 'put' })), 405, 20004,
        `The requested resource /v1/EndUsers/${UNKNOWN} does not support the attempted HTTP method PUT`);
});

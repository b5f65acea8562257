// Names and attributes come back exactly as sent: spaces, + & = %, emoji, accented letters,
// nested objects, arrays, numbers, booleans and null; through create, fetch, list and update.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { useServer } = require('../lib/harness');

const server = useServer();

const names = [
    'Ada Lovelace',
    '  leading and trailing spaces  ',
    'a+b=c&d=e',
    '100% sure %20 %2B %',
    '+', '=', '&', '%', '?', '#', '/', ';',
    'Crème brûlée à Ærøskøbing, Łódź, Ñandú',
    'emoji 😀 👩‍💻 🇨🇭',
    'こんにちは 世界',
    'quotes " \' and \\ backslash',
    'line\nbreak\ttab',
    '<script>alert(1)</script>',
    'x'.repeat(500),
];

const attributes = {
    'first name': 'Ada',
    'key+with&odd=chars%': 'value+with&odd=chars% 20',
    accented: 'é à ü ß ø',
    emoji: '😀👍',
    nested: { deeper: { deepest: [1, { two: 2 }, [3, [4]]] }, empty: {} },
    list: ['a', 1, -2.5, true, false, null, {}, []],
    numbers: { zero: 0, negative: -17, fraction: 0.1, big: 9007199254740991, exponent: 1.5e300, tiny: 5e-324 },
    yes: true,
    no: false,
    nothing: null,
    'ключ': 'значение',
};

test('every tricky name round-trips through create, fetch, list and update', async () => {
    const endUsers = server.alice.trusthub.v1.endUsers;
    const created = [];
    for (const name of names) {
        const u = await endUsers.create({ friendlyName: name, type: name, attributes: { name } });
        assert.equal(u.friendlyName, name);
        assert.equal(u.type, name);
        assert.deepEqual(u.attributes, { name });
        assert.equal((await endUsers(u.sid).fetch()).friendlyName, name);
        created.push(u);
    }
    const listed = new Map((await endUsers.list({ pageSize: 3 })).map((u) => [u.sid, u]));
    for (const u of created) {
        assert.equal(listed.get(u.sid).friendlyName, u.friendlyName);
        assert.equal(listed.get(u.sid).type, u.type);
    }
    for (const name of names) {
        const updated = await endUsers(created[0].sid).update({ friendlyName: name });
        assert.equal(updated.friendlyName, name);
    }
});

test('attributes of every JSON kind round-trip exactly', async () => {
    const endUsers = server.alice.trusthub.v1.endUsers;
    const u = await endUsers.create({ friendlyName: 'attributes', type: 'individual', attributes });
    assert.deepEqual(u.attributes, attributes);
    assert.deepEqual((await endUsers(u.sid).fetch()).attributes, attributes);
    const listed = (await endUsers.list()).find((x) => x.sid === u.sid);
    assert.deepEqual(listed.attributes, attributes);

    const replaced = { only: ['this', { and: null }], n: -0.5 };
    assert.deepEqual((await endUsers(u.sid).update({ attributes: replaced })).attributes, replaced);
    assert.deepEqual((await endUsers(u.sid).fetch()).attributes, replaced);
});

test('Attributes given as JSON text, as the CLI and curl send them, are stored as the object', async () => {
    const endUsers = server.alice.trusthub.v1.endUsers;
    const text = '{ "spaced" : [ 1 , 2 ] , "s": "a+b &c=%" }';
    const u = await endUsers.create({ friendlyName: 'text', type: 'individual', attributes: text });
    assert.deepEqual(u.attributes, JSON.parse(text));
});

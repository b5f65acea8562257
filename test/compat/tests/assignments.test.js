// What bundles hold (EntityAssignments and ChannelEndpointAssignments under CustomerProfiles and
// TrustProducts) through the official Node SDK's own accessors, every response checked against
// the OpenAPI file; and the guards that keep the graph whole.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { useServer, accounts } = require('../lib/harness');

const server = useServer({ args: ['--control'] });

const SECONDARY = 'RNdfbf3fae0e1107f8aded0e7cead80bf5';
const A2P = 'RNb0d4771c2c98518d916a3d4cd70a8f8b';
const NUMBER = 'PN0123456789abcdef0123456789abcdef';
const OTHER_NUMBER = 'PNfedcba9876543210fedcba9876543210';

const conflict = (e) => e.status === 409 && e.code === 20409;
const invalidObject = (e) => e.status === 400 && e.code === 22205 &&
    e.message === 'Attempting to assign invalid object_sid to Bundle';
const notFound = (e) => e.status === 404 && e.code === 20404;

const th = (client) => client.trusthub.v1;
const newProfile = (client, name = 'Acme') =>
    th(client).customerProfiles.create({ friendlyName: name, email: 'ops@acme.test', policySid: SECONDARY });
const newProduct = (client) =>
    th(client).trustProducts.create({ friendlyName: 'A2P', email: 'ops@acme.test', policySid: A2P });
const newUser = (client, type = 'customer_profile_business_information') =>
    th(client).endUsers.create({ friendlyName: 'u', type, attributes: { business_name: 'Acme' } });

test('an EntityAssignment is made, fetched, listed and removed through the SDK\'s accessors', async () => {
    const profile = await newProfile(server.alice);
    const user = await newUser(server.alice);
    const held = th(server.alice).customerProfiles(profile.sid).customerProfilesEntityAssignments;
    const made = await held.create({ objectSid: user.sid });
    assert.match(made.sid, /^BV[0-9a-f]{32}$/);
    assert.equal(made.customerProfileSid, profile.sid);
    assert.equal(made.accountSid, accounts.alice.sid);
    assert.equal(made.objectSid, user.sid);
    assert.ok(made.dateCreated instanceof Date);
    assert.equal(made.url, `${server.url}/v1/CustomerProfiles/${profile.sid}/EntityAssignments/${made.sid}`);
    assert.deepEqual((await held(made.sid).fetch()).toJSON(), made.toJSON());
    assert.deepEqual((await held.list()).map((a) => a.sid), [made.sid]);
    // The profile's own link leads to the same list.
    assert.equal(profile.links.customer_profiles_entity_assignments,
        `${server.url}/v1/CustomerProfiles/${profile.sid}/EntityAssignments`);
    assert.equal(await held(made.sid).remove(), true);
    await assert.rejects(held(made.sid).fetch(), notFound);
    assert.deepEqual(await held.list(), []);
});

test('what a bundle may hold: EndUsers, SupportingDocuments and CustomerProfiles, once each', async () => {
    const profile = await newProfile(server.alice);
    const primary = await newProfile(server.alice, 'Primary');
    const product = await newProduct(server.alice);
    const user = await newUser(server.alice);
    const doc = await th(server.alice).supportingDocuments.create({
        friendlyName: 'HQ', type: 'customer_profile_address', attributes: { address_sids: 'AD0123456789abcdef0123456789abcdef' } });
    const held = th(server.alice).customerProfiles(profile.sid).customerProfilesEntityAssignments;
    for (const object of [user.sid, doc.sid, primary.sid])
        await held.create({ objectSid: object });
    await assert.rejects(held.create({ objectSid: user.sid }), conflict);
    for (const object of [product.sid, profile.sid, NUMBER, 'IT' + '0'.repeat(32), 'nonsense'])
        await assert.rejects(held.create({ objectSid: object }), invalidObject, object);
    // Another account's EndUser is as good as none; another account's bundle is not there.
    const foreign = await newUser(server.bob);
    await assert.rejects(held.create({ objectSid: foreign.sid }), invalidObject);
    await assert.rejects(th(server.bob).customerProfiles(profile.sid).customerProfilesEntityAssignments.list(), notFound);
    // A CustomerProfile goes into a TrustProduct, under the TrustProduct's own accessor.
    const inProduct = await th(server.alice).trustProducts(product.sid).trustProductsEntityAssignments
        .create({ objectSid: profile.sid });
    assert.equal(inProduct.trustProductSid, product.sid);
    // A bundle of the other kind is not found under the other's path.
    await assert.rejects(th(server.alice).trustProducts(profile.sid).trustProductsEntityAssignments.list(), notFound);
});

test('ObjectType keeps the assignments whose object has that type', async () => {
    const profile = await newProfile(server.alice);
    const held = th(server.alice).customerProfiles(profile.sid).customerProfilesEntityAssignments;
    const business = await held.create({ objectSid: (await newUser(server.alice)).sid });
    const rep = await held.create({ objectSid: (await newUser(server.alice, 'authorized_representative_1')).sid });
    assert.deepEqual((await held.list({ objectType: 'authorized_representative_1' })).map((a) => a.sid), [rep.sid]);
    assert.deepEqual((await held.list({ objectType: 'customer_profile_business_information' })).map((a) => a.sid),
        [business.sid]);
    assert.deepEqual(await held.list({ objectType: 'customer_profile_address' }), []);
    const page = await held.page({ objectType: 'authorized_representative_1', pageSize: 1 });
    assert.ok(page._payload.meta.url.includes('ObjectType=authorized_representative_1&PageSize=1'), page._payload.meta.url);
});

test('a submitted bundle\'s assignments are locked; a rejected one\'s are open again', async () => {
    const profile = await newProfile(server.alice);
    const held = th(server.alice).customerProfiles(profile.sid).customerProfilesEntityAssignments;
    const first = await held.create({ objectSid: (await newUser(server.alice)).sid });
    const another = await newUser(server.alice);
    await th(server.alice).customerProfiles(profile.sid).update({ status: 'pending-review' });
    await assert.rejects(held.create({ objectSid: another.sid }), conflict);
    await assert.rejects(held(first.sid).remove(), conflict);
    assert.equal((await held.list()).length, 1);

    const review = await fetch(`${server.url}/_trusthub/bundles/${profile.sid}/review`, {
        method: 'POST',
        headers: {
            authorization: 'Basic ' + Buffer.from(`${accounts.alice.sid}:${accounts.alice.token}`).toString('base64'),
            'content-type': 'application/json',
        },
        body: JSON.stringify({ status: 'twilio-rejected', errors: [{ code: 18601 }] }),
    });
    assert.equal(review.status, 200);
    await held.create({ objectSid: another.sid });
    assert.equal(await held(first.sid).remove(), true);
});

test('ChannelEndpointAssignments: numbers on a profile, and a TrustProduct\'s only from its profiles', async () => {
    const profile = await newProfile(server.alice);
    const product = await newProduct(server.alice);
    const onProfile = th(server.alice).customerProfiles(profile.sid).customerProfilesChannelEndpointAssignment;
    const onProduct = th(server.alice).trustProducts(product.sid).trustProductsChannelEndpointAssignment;
    const a = await onProfile.create({ channelEndpointType: 'phone-number', channelEndpointSid: NUMBER });
    assert.match(a.sid, /^RA[0-9a-f]{32}$/);
    assert.equal(a.customerProfileSid, profile.sid);
    assert.equal(a.channelEndpointType, 'phone-number');
    assert.equal(a.channelEndpointSid, NUMBER);
    assert.equal(a.url, `${server.url}/v1/CustomerProfiles/${profile.sid}/ChannelEndpointAssignments/${a.sid}`);
    const b = await onProfile.create({ channelEndpointType: 'phone-number', channelEndpointSid: OTHER_NUMBER });
    await assert.rejects(onProfile.create({ channelEndpointType: 'phone-number', channelEndpointSid: NUMBER }), conflict);

    // Filters: one number, any of several.
    assert.deepEqual((await onProfile.list({ channelEndpointSid: OTHER_NUMBER })).map((x) => x.sid), [b.sid]);
    assert.deepEqual((await onProfile.list({ channelEndpointSids: `${NUMBER},${OTHER_NUMBER}` })).map((x) => x.sid),
        [a.sid, b.sid]);

    // The TrustProduct's number must sit on a profile the TrustProduct holds.
    await assert.rejects(onProduct.create({ channelEndpointType: 'phone-number', channelEndpointSid: NUMBER }),
        (e) => e.status === 400 && e.code === 20001 && e.message.startsWith('Invalid parameter ChannelEndpointSid'));
    await th(server.alice).trustProducts(product.sid).trustProductsEntityAssignments.create({ objectSid: profile.sid });
    const c = await onProduct.create({ channelEndpointType: 'phone-number', channelEndpointSid: NUMBER });
    assert.equal(c.trustProductSid, product.sid);
    assert.deepEqual((await onProduct(c.sid).fetch()).toJSON(), c.toJSON());
    // Which keeps the profile's number in place until the TrustProduct lets go.
    await assert.rejects(onProfile(a.sid).remove(), conflict);
    assert.equal(await onProduct(c.sid).remove(), true);
    assert.equal(await onProfile(a.sid).remove(), true);
});

test('what a bundle holds cannot be deleted; deleting the bundle deletes its assignments', async () => {
    const profile = await newProfile(server.alice);
    const user = await newUser(server.alice);
    const held = th(server.alice).customerProfiles(profile.sid).customerProfilesEntityAssignments;
    const bv = await held.create({ objectSid: user.sid });
    await assert.rejects(th(server.alice).endUsers(user.sid).remove(),
        (e) => e.status === 400 && e.code === 21644 &&
            e.message === 'End-User cannot be deleted due to an active assignment to a Bundle');
    assert.equal((await th(server.alice).endUsers(user.sid).fetch()).sid, user.sid);
    assert.equal(await th(server.alice).customerProfiles(profile.sid).remove(), true);
    await assert.rejects(held(bv.sid).fetch(), notFound);
    assert.equal(await th(server.alice).endUsers(user.sid).remove(), true);
});

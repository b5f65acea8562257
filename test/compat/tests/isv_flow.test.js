// The ISV onboarding flow of a customer on a subaccount, through the official Node SDK as an ISV
// writes it: a Secondary CustomerProfile with its EndUsers and address, connected to the ISV's
// Primary profile in the parent account, submitted and approved; then an A2P TrustProduct that
// holds it. And the mistakes such a program makes, each answered as Twilio does.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { useServer, accounts } = require('../lib/harness');

const server = useServer({ args: ['--control'] });

const SECONDARY = 'RNdfbf3fae0e1107f8aded0e7cead80bf5';
const A2P = 'RNb0d4771c2c98518d916a3d4cd70a8f8b';

// The ISV is alice, the parent account; its customer is bob, a subaccount.
const isv = accounts.alice;
const customer = accounts.bob;

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

async function resetBoth() {
    for (const account of [isv, customer])
        assert.equal((await control(account, 'POST', '/reset')).status, 200);
}

// The parent's approved Primary profile, and the customer declared its subaccount.
async function onboardingStart() {
    await resetBoth();
    const primary = await control(isv, 'POST', '/primary-profile', { friendly_name: 'ISV Inc', email: 'isv@isv.test' });
    assert.equal(primary.status, 201);
    const declared = await control(customer, 'PUT', '/parent', { parent_account_sid: isv.sid });
    assert.equal(declared.status, 200);
    assert.deepEqual(declared.body, { account_sid: customer.sid, parent_account_sid: isv.sid });
    return primary.body.sid;
}

// Steps 1 to 6: the Secondary profile, filled in.
async function secondaryProfile(client, primarySid) {
    const th = client.trusthub.v1;
    const profile = await th.customerProfiles.create({
        friendlyName: 'Acme Secondary', email: 'ops@acme.test', policySid: SECONDARY,
        statusCallback: 'https://acme.test/trusthub' });
    assert.equal(profile.status, 'draft');
    const held = th.customerProfiles(profile.sid).customerProfilesEntityAssignments;
    const business = await th.endUsers.create({
        friendlyName: 'Acme business', type: 'customer_profile_business_information',
        attributes: { business_name: 'Acme', business_type: 'Corporation', business_industry: 'TECHNOLOGY',
            business_registration_identifier: 'EIN', business_registration_number: '12-3456789',
            business_regions_of_operation: 'USA_AND_CANADA', website_url: 'https://acme.test',
            social_media_profile_urls: '', business_identity: 'direct_customer' } });
    assert.match((await held.create({ objectSid: business.sid })).sid, /^BV/);
    const representative = await th.endUsers.create({
        friendlyName: 'Jane', type: 'authorized_representative_1',
        attributes: { first_name: 'Jane', last_name: 'Doe', email: 'jane@acme.test', phone_number: '+15555550100',
            business_title: 'CEO', job_position: 'CEO' } });
    await held.create({ objectSid: representative.sid });
    const address = await th.supportingDocuments.create({
        friendlyName: 'HQ', type: 'customer_profile_address',
        attributes: { address_sids: 'AD0123456789abcdef0123456789abcdef' } });
    assert.equal(address.status, 'DRAFT');
    await held.create({ objectSid: address.sid });
    // Step 6: the ISV's Primary profile, which lives in the parent account.
    const connected = await held.create({ objectSid: primarySid });
    assert.equal(connected.objectSid, primarySid);
    assert.equal(connected.accountSid, customer.sid);
    return { profile, business, held };
}

test('steps 1 to 6, 9 to 11 and a manual approval, as the subaccount', async () => {
    const primarySid = await onboardingStart();
    const th = server.bob.trusthub.v1;
    const { profile, held } = await secondaryProfile(server.bob, primarySid);
    assert.equal((await held.list()).length, 4);

    // Step 8, with the review done by hand: submitted, then approved.
    assert.equal((await th.customerProfiles(profile.sid).update({ status: 'pending-review' })).status, 'pending-review');
    const approved = await control(customer, 'POST', `/bundles/${profile.sid}/review`, { status: 'twilio-approved' });
    assert.equal(approved.status, 200);
    const fetched = await th.customerProfiles(profile.sid).fetch();
    assert.equal(fetched.status, 'twilio-approved');
    assert.ok(fetched.validUntil instanceof Date);

    // Steps 9 to 11: the A2P TrustProduct, its messaging profile EndUser, and the profile.
    const product = await th.trustProducts.create({ friendlyName: 'Acme A2P', email: 'ops@acme.test', policySid: A2P });
    assert.equal(product.status, 'draft');
    const a2p = await th.endUsers.create({
        friendlyName: 'Acme A2P profile', type: 'us_a2p_messaging_profile_information',
        attributes: { company_type: 'private' } });
    const inProduct = th.trustProducts(product.sid).trustProductsEntityAssignments;
    await inProduct.create({ objectSid: a2p.sid });
    await inProduct.create({ objectSid: profile.sid });
    assert.deepEqual((await inProduct.list()).map((a) => a.objectSid), [a2p.sid, profile.sid]);

    // Submitted and approved by hand.
    await th.trustProducts(product.sid).update({ status: 'pending-review' });
    assert.equal((await control(customer, 'POST', `/bundles/${product.sid}/review`, { status: 'twilio-approved' })).status, 200);
    assert.equal((await th.trustProducts(product.sid).fetch()).status, 'twilio-approved');

    // The parent's Primary profile stays the parent's: the subaccount cannot see it.
    await assert.rejects(th.customerProfiles(primarySid).fetch(), (e) => e.status === 404 && e.code === 20404);
});

test('the Primary profile of an account that is not the parent is 22205', async () => {
    const primarySid = await onboardingStart();
    assert.equal((await control(customer, 'PUT', '/parent', { parent_account_sid: null })).status, 200);
    const th = server.bob.trusthub.v1;
    const profile = await th.customerProfiles.create({ friendlyName: 'x', email: 'e', policySid: SECONDARY });
    await assert.rejects(
        th.customerProfiles(profile.sid).customerProfilesEntityAssignments.create({ objectSid: primarySid }),
        (e) => e.status === 400 && e.code === 22205);
    // Nor may a parent assign its subaccount's profiles: the relation goes one way.
    await control(customer, 'PUT', '/parent', { parent_account_sid: isv.sid });
    const isvProfile = await server.alice.trusthub.v1.customerProfiles.create({ friendlyName: 'y', email: 'e', policySid: SECONDARY });
    await assert.rejects(
        server.alice.trusthub.v1.customerProfiles(isvProfile.sid).customerProfilesEntityAssignments.create({ objectSid: profile.sid }),
        (e) => e.status === 400 && e.code === 22205);
});

test('an assigned EndUser cannot be deleted, and a profile cannot be submitted twice', async () => {
    const primarySid = await onboardingStart();
    const th = server.bob.trusthub.v1;
    const { profile, business } = await secondaryProfile(server.bob, primarySid);
    await assert.rejects(th.endUsers(business.sid).remove(), (e) => e.status === 400 && e.code === 21644);
    await th.customerProfiles(profile.sid).update({ status: 'pending-review' });
    await assert.rejects(th.customerProfiles(profile.sid).update({ status: 'pending-review' }),
        (e) => e.status === 409 && e.code === 20409);
});

test('registered phone numbers: once an account has some, only those may be assigned', async () => {
    await resetBoth();
    const th = server.bob.trusthub.v1;
    const profile = await th.customerProfiles.create({ friendlyName: 'numbers', email: 'e', policySid: SECONDARY });
    const numbers = th.customerProfiles(profile.sid).customerProfilesChannelEndpointAssignment;
    const mine = 'PN' + '1'.repeat(32), other = 'PN' + '2'.repeat(32);
    const registered = await control(customer, 'POST', '/phone-numbers', { sids: [mine] });
    assert.equal(registered.status, 200);
    assert.deepEqual(registered.body, { sids: [mine] });
    assert.equal((await numbers.create({ channelEndpointType: 'phone-number', channelEndpointSid: mine })).channelEndpointSid, mine);
    await assert.rejects(numbers.create({ channelEndpointType: 'phone-number', channelEndpointSid: other }),
        (e) => e.status === 400 && e.code === 20001 && e.message.startsWith('Invalid parameter ChannelEndpointSid'));
    // Another account registered none, and may assign any.
    const alices = await server.alice.trusthub.v1.customerProfiles.create({ friendlyName: 'a', email: 'e', policySid: SECONDARY });
    await server.alice.trusthub.v1.customerProfiles(alices.sid).customerProfilesChannelEndpointAssignment
        .create({ channelEndpointType: 'phone-number', channelEndpointSid: other });
    // A body that will not do is refused, naming the key.
    const bad = await control(customer, 'POST', '/phone-numbers', { sids: ['IT' + '1'.repeat(32)] });
    assert.equal(bad.status, 400);
    assert.ok(bad.body.message.startsWith('Invalid parameter sids[0]'), bad.body.message);
    // A reset forgets them.
    await control(customer, 'POST', '/reset');
    assert.deepEqual((await control(customer, 'GET', '/phone-numbers')).body, { sids: [] });
});

// Paging while other clients add and remove records: no record is listed twice, and every
// record that existed before the walk and survived it is listed.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { useServer, accounts } = require('../lib/harness');
const { clientFor } = require('../lib/sdk');

const server = useServer({ threads: 2 });

async function seed(count, prefix) {
    const sids = [];
    for (let i = 0; i < count; ++i)
        sids.push((await server.alice.trusthub.v1.endUsers.create({ friendlyName: `${prefix} ${i}`, type: 'individual' })).sid);
    return sids;
}

async function removeAll() {
    for (const u of await server.alice.trusthub.v1.endUsers.list({ pageSize: 1000 }))
        await server.alice.trusthub.v1.endUsers(u.sid).remove();
}

function assertWalk(listed, before, removed) {
    const unique = new Set(listed);
    assert.equal(unique.size, listed.length, 'a record was listed twice');
    const skipped = before.filter((sid) => !removed.has(sid) && !unique.has(sid));
    assert.deepEqual(skipped, [], 'survivors that the walk skipped');
}

test('page by page, with records removed behind and ahead of the cursor and added between pages', async () => {
    await removeAll();
    const before = await seed(60, 'walk');
    const other = clientFor(accounts.alice, server.url).trusthub.v1.endUsers;  // another client, same account
    const removed = new Set();
    const added = new Set();
    const listed = [];
    let page = await server.alice.trusthub.v1.endUsers.page({ pageSize: 7 });
    let round = 0;
    for (;;) {
        listed.push(...page.instances.map((u) => u.sid));
        if (!page.nextPageUrl)
            break;
        // Between pages: remove the record just listed last (the cursor's own key), one already
        // listed, one not yet listed; add two.
        const last = listed[listed.length - 1];
        const ahead = before.find((sid) => !listed.includes(sid) && !removed.has(sid));
        const behind = listed.find((sid) => !removed.has(sid) && sid !== last);
        for (const sid of [last, behind, ahead].filter(Boolean)) {
            if (!removed.has(sid)) {
                assert.equal(await other(sid).remove(), true);
                removed.add(sid);
            }
        }
        for (const suffix of ['a', 'b'])
            added.add((await other.create({ friendlyName: `added ${round}${suffix}`, type: 'individual' })).sid);
        page = await page.nextPage();
        assert.ok(++round < 100, 'the walk does not end');
    }
    assertWalk(listed, before, removed);
    for (const sid of listed)
        assert.ok(before.includes(sid) || added.has(sid), `listed a record nobody made: ${sid}`);
    // Records added while walking come after the cursor (creation order), so the walk reaches them.
    const addedSurvivors = [...added].filter((sid) => !removed.has(sid));
    assert.deepEqual(addedSurvivors.filter((sid) => !listed.includes(sid)), [], 'records added during the walk were skipped');
});

test('each() and list() running while other clients add and remove concurrently', async () => {
    await removeAll();
    const before = await seed(80, 'race');
    const writers = [clientFor(accounts.alice, server.url), clientFor(accounts.alice, server.url)];
    const removed = new Set();
    let stop = false;

    // Bounded: a writer that added forever would keep a walk at one record a page from ending.
    const churn = async (client, offset) => {
        let i = offset;
        for (let round = 0; round < 30 && !stop; ++round) {
            const victim = before[(i * 7) % before.length];
            i += 2;
            if (!removed.has(victim)) {
                removed.add(victim);  // counted as removed from the moment it may be
                await client.trusthub.v1.endUsers(victim).remove().catch((e) => { if (e.status !== 404) throw e; });
            }
            await client.trusthub.v1.endUsers.create({ friendlyName: `churn ${i}`, type: 'individual' });
        }
    };
    const walkers = async () => {
        const results = [];
        for (const pageSize of [1, 3, 10]) {
            const listed = [];
            await server.alice.trusthub.v1.endUsers.each({ pageSize }, (u) => { listed.push(u.sid); });
            results.push(listed);
            results.push((await server.alice.trusthub.v1.endUsers.list({ pageSize })).map((u) => u.sid));
        }
        return results;
    };

    const churning = writers.map((c, n) => churn(c, n));
    let walks;
    try {
        walks = await walkers();
    } finally {
        stop = true;
        await Promise.all(churning);
    }
    assert.ok(removed.size > 0, 'the writers did not get to run');
    for (const listed of walks)
        assertWalk(listed, before, removed);
});

// list(), each(), page() -> nextPage() -> previousPage(), with page sizes 1, small, the default
// (50) and the largest (1000), and `limit`. The SDK follows meta.next_page_url verbatim.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { useServer } = require('../lib/harness');

const COUNT = 123;  // more than two default pages
const created = [];  // SIDs in creation order
const server = useServer({
    async setup({ alice }) {
        for (let i = 0; i < COUNT; ++i) {
            const u = await alice.trusthub.v1.endUsers.create({ friendlyName: `user ${i}`, type: 'individual' });
            created.push(u.sid);
        }
    },
});

const sids = (items) => items.map((u) => u.sid);

test('list() with the default page size returns every record, in creation order', async () => {
    assert.deepEqual(sids(await server.alice.trusthub.v1.endUsers.list()), created);
});

for (const pageSize of [1, 2, 7, 50, 1000]) {
    test(`list({ pageSize: ${pageSize} }) returns every record once, in creation order`, async () => {
        assert.deepEqual(sids(await server.alice.trusthub.v1.endUsers.list({ pageSize })), created);
    });
}

test('list({ limit }) stops at the limit, with and without a page size', async () => {
    const endUsers = server.alice.trusthub.v1.endUsers;
    assert.deepEqual(sids(await endUsers.list({ limit: 7 })), created.slice(0, 7));
    assert.deepEqual(sids(await endUsers.list({ limit: 10, pageSize: 3 })), created.slice(0, 10));
    assert.deepEqual(sids(await endUsers.list({ limit: 1, pageSize: 1 })), created.slice(0, 1));
    assert.deepEqual(sids(await endUsers.list({ limit: 1000 })), created);
});

test('each() visits every record once across pages, and stops at a limit', async () => {
    const seen = [];
    await server.alice.trusthub.v1.endUsers.each({ pageSize: 4 }, (u) => { seen.push(u.sid); });
    assert.deepEqual(seen, created);

    const limited = [];
    await server.alice.trusthub.v1.endUsers.each({ pageSize: 5, limit: 12 }, (u) => { limited.push(u.sid); });
    assert.deepEqual(limited, created.slice(0, 12));

    // Stopping early with done(): no more callbacks.
    const stopped = [];
    await new Promise((resolve, reject) => {
        server.alice.trusthub.v1.endUsers.each({
            pageSize: 3,
            callback: (u, done) => { stopped.push(u.sid); if (stopped.length === 5) done(); },
            done: (error) => (error ? reject(error) : resolve()),
        });
    });
    assert.deepEqual(stopped, created.slice(0, 5));
});

test('page() uses the default page size of 50 and links the next page', async () => {
    const first = await server.alice.trusthub.v1.endUsers.page();
    assert.deepEqual(sids(first.instances), created.slice(0, 50));
    assert.equal(first.previousPageUrl, undefined);
    assert.ok(first.nextPageUrl.startsWith(`${server.url}/v1/EndUsers?`), first.nextPageUrl);
    assert.match(first.nextPageUrl, /PageSize=50/);
});

test('page() -> nextPage() -> previousPage() chains walk back and forth', async () => {
    const endUsers = server.alice.trusthub.v1.endUsers;
    const p1 = await endUsers.page({ pageSize: 7 });
    const p2 = await p1.nextPage();
    const p3 = await p2.nextPage();
    assert.deepEqual(sids(p1.instances), created.slice(0, 7));
    assert.deepEqual(sids(p2.instances), created.slice(7, 14));
    assert.deepEqual(sids(p3.instances), created.slice(14, 21));
    const back2 = await p3.previousPage();
    assert.deepEqual(sids(back2.instances), created.slice(7, 14));
    const back1 = await back2.previousPage();
    assert.deepEqual(sids(back1.instances), created.slice(0, 7));
    assert.ok(back1.nextPageUrl, 'a page before others links the next one');
    // Reached by going back, the first page has no previous link either: no record precedes it.
    assert.equal(back1.previousPageUrl, undefined);
    assert.equal(back1.previousPage(), undefined);
    // Every link points back at this server.
    for (const p of [p1, p2, p3, back2, back1])
        for (const link of [p.nextPageUrl, p.previousPageUrl].filter(Boolean))
            assert.ok(link.startsWith(`${server.url}/v1/EndUsers?`), link);
});

test('the last page has no next page, and nextPage() says so', async () => {
    const endUsers = server.alice.trusthub.v1.endUsers;
    let page = await endUsers.page({ pageSize: 50 });
    const got = [...sids(page.instances)];
    let hops = 0;
    while (page.nextPageUrl) {
        page = await page.nextPage();
        got.push(...sids(page.instances));
        assert.ok(++hops < 10, 'too many pages');
    }
    assert.deepEqual(got, created);
    assert.equal(page.nextPage(), undefined);
    assert.equal(hops, 2);  // 50 + 50 + 23
});

test('pageSize 1000 returns everything in one page', async () => {
    const page = await server.alice.trusthub.v1.endUsers.page({ pageSize: 1000 });
    assert.deepEqual(sids(page.instances), created);
    assert.equal(page.nextPageUrl, undefined);
});

test('getPage() follows a URL a previous page gave', async () => {
    const endUsers = server.alice.trusthub.v1.endUsers;
    const p1 = await endUsers.page({ pageSize: 10 });
    const p2 = await endUsers.getPage(p1.nextPageUrl);
    assert.deepEqual(sids(p2.instances), created.slice(10, 20));
});

test('an account with no records lists nothing', async () => {
    assert.deepEqual(await server.bob.trusthub.v1.endUsers.list(), []);
    const page = await server.bob.trusthub.v1.endUsers.page({ pageSize: 1 });
    assert.deepEqual(page.instances, []);
    assert.equal(page.nextPageUrl, undefined);
});

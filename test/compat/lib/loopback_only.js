// Preloaded (`--require`) into every Node process of the compat suite, the CLI included: any
// attempt to open a TCP connection to anything but loopback fails at once. The suite talks to
// trusthub-server only; a stray update check or a request that escaped the redirect to the
// real Twilio must show up as an error, not as traffic.
'use strict';

const net = require('node:net');

const loopback = new Set(['127.0.0.1', '::1', 'localhost', '::ffff:127.0.0.1']);

function hostOf(args) {
    const [first, second] = args;
    if (Array.isArray(first))  // the internal normalized form: [options, callback]
        return hostOf(first);
    if (first && typeof first === 'object')
        return first.path !== undefined ? null : (first.host ?? 'localhost');
    if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first)))
        return typeof second === 'string' ? second : 'localhost';
    return null;  // a Unix socket path
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
    const host = hostOf(args);
    if (host !== null && !loopback.has(host)) {
        const error = new Error(`compat suite: connection to ${host} refused, only loopback may be reached`);
        error.code = 'ECONNREFUSED';
        process.nextTick(() => this.destroy(error));
        return this;
    }
    return connect.apply(this, args);
};

// Name lookups too: a query for a real host name would go to a resolver off this machine.
const dns = require('node:dns');
const lookup = dns.lookup;
dns.lookup = function (hostname, options, callback) {
    if (typeof options === 'function')
        [options, callback] = [{}, options];
    if (net.isIP(hostname) === 0 && !loopback.has(hostname)) {
        const error = new Error(`compat suite: lookup of ${hostname} refused, only loopback may be reached`);
        error.code = 'ENOTFOUND';
        process.nextTick(() => callback(error));
        return {};
    }
    return lookup.call(this, hostname, options, callback);
};

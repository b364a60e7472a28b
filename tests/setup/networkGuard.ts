/**
 * Mocha root setup: no test may reach a non-loopback address. Every TCP/TLS connection
 * (node:net, node:tls, undici's fetch) goes through `net.Socket.prototype.connect`; a connection
 * to any host other than 127.0.0.0/8, ::1 or localhost throws before a packet leaves.
 */
import * as net from "node:net";

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/i;

/** The hosts tests tried to reach that are not loopback (should stay empty). */
export const blockedConnections: string[] = [];

type ConnectArgs = [unknown, ...unknown[]];
const original = net.Socket.prototype.connect as (...args: ConnectArgs) => net.Socket;

function targetHost(args: ConnectArgs): string | undefined {
    let first = args[0];
    if (Array.isArray(first)) first = first[0]; // internal normalized form [options, cb]
    if (first && typeof first === "object") {
        const o = first as { host?: string; path?: string };
        if (o.path) return undefined; // unix socket / pipe
        return o.host ?? "localhost";
    }
    if (typeof first === "number") return typeof args[1] === "string" ? args[1] : "localhost";
    return undefined; // a string is a pipe path
}

net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: ConnectArgs) {
    const host = targetHost(args);
    if (host !== undefined && !LOOPBACK.test(host)) {
        blockedConnections.push(host);
        throw new Error(`network guard: tests may only connect to loopback, not ${host}`);
    }
    return original.apply(this, args);
} as typeof net.Socket.prototype.connect;

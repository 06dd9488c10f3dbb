import { createServer } from "net";

/** Ports handed out by this process: servers in the sandbox share one namespace, so a port is never given twice. */
const handedOut = new Set<number>();

function kernelPort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.unref();
        server.on("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const address = server.address();
            server.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject(new Error("no port"))));
        });
    });
}

/** A TCP port free on this machine right now (the kernel's choice) and not handed out before by this process. */
export async function freePort(): Promise<number> {
    for (;;) {
        const port = await kernelPort();
        if (!handedOut.has(port)) {
            handedOut.add(port);
            return port;
        }
    }
}

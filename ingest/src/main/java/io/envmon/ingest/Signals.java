package io.envmon.ingest;

import sun.misc.Signal;

/**
 * SIGTERM and SIGINT handling. A JVM shutdown hook cannot choose the exit status (the JVM exits 143 on
 * SIGTERM); the contract wants 0 after a clean flush, so we handle the signals ourselves.
 */
final class Signals {

    private Signals() {
    }

    @SuppressWarnings("removal")
    static void onTermination(Runnable action) {
        Runnable once = new Runnable() {
            private boolean ran;

            @Override
            public synchronized void run() {
                if (!ran) {
                    ran = true;
                    action.run();
                }
            }
        };
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> new Thread(once, "envmon-shutdown").start());
        }
    }
}

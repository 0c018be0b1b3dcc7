import { closeSync, fstatSync, openSync, statSync, writeSync } from "node:fs";

/** A platform log line as Go's standard logger prints it: `2006/01/02 15:04:05 <text>`, local time. */
export function goLogLine(text: string, now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const date = `${now.getFullYear()}/${pad(now.getMonth() + 1)}/${pad(now.getDate())}`;
  const time = `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;
  return `${date} ${time} ${text}\n`;
}

/** Where the CLI writes the platform log, and how to flush it on exit. */
export interface PlatformLogSink {
  write(line: string): void;
  close(): void;
}

/**
 * The CLI's platform log: stdout, as upstream's platform writes it (CI runs `platform-server >
 * platform.log` and hands that file to the harness as `PLATFORM_LOG`), and `logFile` too when given,
 * unless stdout already is that file (then each line would appear twice).
 */
export function createPlatformLogSink(logFile: string | undefined, stdoutFd = 1): PlatformLogSink {
  const fds = [stdoutFd];
  if (logFile !== undefined && !sameFile(stdoutFd, logFile)) fds.push(openSync(logFile, "a"));
  return {
    write(text) {
      const line = goLogLine(text);
      for (const fd of fds) {
        try {
          writeSync(fd, line);
        } catch {
          // a closed stdout (EPIPE) must not take the platform down
        }
      }
    },
    close() {
      for (const fd of fds.slice(1)) closeSync(fd);
    },
  };
}

function sameFile(fd: number, path: string): boolean {
  try {
    const a = fstatSync(fd);
    const b = statSync(path);
    return a.dev === b.dev && a.ino === b.ino;
  } catch {
    return false;
  }
}

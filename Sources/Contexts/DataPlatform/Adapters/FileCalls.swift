import Glibc

/// The file system calls the JSON-lines sink makes, as values, so that a test can put a full or stuck disk
/// underneath it.
struct FileCalls: Sendable {
    /// Writes some of `bytes` to `fd` at its end (the file is opened with `O_APPEND`) and returns how many.
    var write: @Sendable (_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(FileCallFailed) -> Int
    /// Flushes `fd` to stable storage.
    var fsync: @Sendable (_ fd: Int32) throws(FileCallFailed) -> Void

    /// The operating system's calls.
    static let system = FileCalls(
        write: { fd, bytes throws(FileCallFailed) in
            while true {
                let written = Glibc.write(fd, bytes.baseAddress, bytes.count)
                if written >= 0 { return written }
                if errno != EINTR { throw FileCallFailed(call: "write", errno: errno) }
            }
        },
        fsync: { fd throws(FileCallFailed) in
            guard Glibc.fsync(fd) == 0 else { throw FileCallFailed(call: "fsync", errno: errno) }
        })
}

/// A file system call failed.
struct FileCallFailed: Error, CustomStringConvertible {
    let call: String
    let errno: Int32
    var description: String { "\(call) failed: \(String(cString: strerror(errno)))" }
}

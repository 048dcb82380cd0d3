import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The real `commerce` binary: exit codes, and the REPL through a pseudo-terminal.
@Suite(.serialized) struct ExecutableTests {
    /// The binary built next to the test bundle (`swift build --build-tests` builds it).
    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("commerce")
    }

    func exitStatus(_ arguments: [String]) throws -> Int32 {
        try output(arguments).status
    }

    @Test func runExitsZeroOneOrTwo() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build the commerce binary first")
        #expect(try exitStatus(["run", "scenarios/01-order-and-pay.scn", "scenarios/04-expiry.scn"]) == 0)
        #expect(try exitStatus(["run", "Tests/ConsoleTests/Rejected/false-expect.scn"]) == 1)
        #expect(try exitStatus(["run", "scenarios/01-order-and-pay.scn", "Tests/ConsoleTests/Rejected/wrong-code.scn"]) == 1)
        #expect(try exitStatus(["run", "no-such-file.scn"]) == 2)
        #expect(try exitStatus(["run"]) == 2)
        #expect(try exitStatus(["run", "--no-such-flag", "scenarios/01-order-and-pay.scn"]) == 2)
        #expect(try exitStatus(["--help"]) == 0)
        #expect(try exitStatus(["run", "--help"]) == 0)
    }

    /// Standard output and the exit status (standard error is discarded).
    func output(_ arguments: [String]) throws -> (status: Int32, text: String) {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    @Test func simulateIsReproducibleAndWhatItEmitsReplaysInRun() throws {
        let scenario = TestDatabase.temporaryPath(".scn"), json = TestDatabase.temporaryPath(".json")
        let failing = TestDatabase.temporaryPath(".scn")
        defer { [scenario, json, failing, failing + ".mmd"].forEach(TestDatabase.remove) }
        let arguments = ["simulate", "--seed", "21", "--steps", "400", "--emit-scenario", scenario, "--json", json]
        let first = try output(arguments)
        let second = try output(arguments)
        #expect(first.status == 0)
        #expect(first.text.contains("PASSED: 400 steps"), "\(first.text)")
        #expect(first.text == second.text)
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any]
        #expect(summary?["passed"] as? Bool == true)
        #expect(try exitStatus(["run", scenario]) == 0)

        let found = try output(["simulate", "--seed", "3", "--steps", "300", "--plant-bug", "event-dropped", "--emit-scenario", failing])
        #expect(found.status == 1)
        #expect(found.text.contains("FAILED at step"), "\(found.text)")
        #expect(found.text.contains("Replay: commerce simulate --seed 3 --steps "))
        #expect(FileManager.default.fileExists(atPath: failing + ".mmd"))
        #expect(try exitStatus(["run", failing, "--plant-bug", "event-dropped"]) == 1)
        #expect(try exitStatus(["run", failing]) == 0)

        #expect(try exitStatus(["simulate", "--faults", "bogus"]) == 2)
        #expect(try exitStatus(["simulate", "--concurrent", "2", "--emit-scenario", scenario]) == 2)
        #expect(try exitStatus(["simulate", "--help"]) == 0)
    }

    @Test func pipedInputIsReadPlainly() throws {
        let process = Process()
        process.executableURL = Self.binary
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.environment = ["NO_COLOR": "1", "HOME": NSTemporaryDirectory()]
        try process.run()
        input.fileHandleForWriting.write(Data("product add Pen price=1_000 stock=3\n\tproduct list\n".utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(!text.contains("commerce>"), "no prompt when input is not a terminal")
        #expect(text.components(separatedBy: "product 1: id=1 name=Pen").count == 3, "\(text)")
    }

    /// Drives the REPL as a person would: prompt, a command, Tab, the up arrow, Ctrl-D.
    @Test func theREPLThroughAPseudoTerminal() throws {
        var master: Int32 = -1, slave: Int32 = -1
        try #require(openpty(&master, &slave, nil, nil, nil) == 0)
        let history = TestDatabase.temporaryPath(".history")
        defer { TestDatabase.remove(history) }
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["--history", history]
        process.environment = ["TERM": "xterm", "NO_COLOR": "1", "HOME": NSTemporaryDirectory()]
        let terminal = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        process.standardInput = terminal
        process.standardOutput = terminal
        process.standardError = terminal
        try process.run()
        close(slave)
        defer { close(master) }
        let screen = Screen(fd: master)

        #expect(screen.waitFor("commerce> "), "the prompt: \(screen.text)")
        #expect(screen.text.contains("run scenarios/01-order-and-pay.scn"), "the banner says how to start")
        screen.type("product add Pen price=1_000 stock=3\r")
        #expect(screen.waitFor("product 1: id=1 name=Pen price=1000 stock=3"))
        #expect(screen.waitFor("commerce> ", occurrences: 2))
        screen.type("prod\t")
        #expect(screen.waitFor("commerce> product "), "Tab completed the command word: \(screen.text)")
        screen.type("list\r")
        #expect(screen.waitFor("name=Pen", occurrences: 2))
        #expect(screen.waitFor("commerce> ", occurrences: 3))
        screen.type("\u{1B}[A")
        #expect(screen.waitFor("commerce> product list", occurrences: 2), "the up arrow recalled the line: \(screen.text)")
        screen.type("\r")
        #expect(screen.waitFor("name=Pen", occurrences: 3))
        #expect(screen.waitFor("commerce> ", occurrences: 4), "a fresh prompt before Ctrl-D: \(screen.text.debugDescription)")
        screen.type("\u{04}")
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { _ = screen.read(timeoutMilliseconds: 50) }
        #expect(!process.isRunning, "Ctrl-D quits")
        if process.isRunning { process.terminate() } else { #expect(process.terminationStatus == 0) }
        let saved = (try? String(contentsOfFile: history, encoding: .utf8)) ?? ""
        #expect(saved.contains("product list"), "the history file keeps the lines")
    }
}

/// What a pseudo-terminal's master side has shown so far.
final class Screen: @unchecked Sendable {
    let fd: Int32
    private(set) var text = ""

    init(fd: Int32) { self.fd = fd }

    func type(_ keys: String) {
        _ = keys.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
    }

    /// Reads what is available within the timeout; false when nothing came.
    func read(timeoutMilliseconds: Int32) -> Bool {
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, timeoutMilliseconds) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = Glibc.read(fd, &buffer, buffer.count)
        guard count > 0 else { return false }
        text += String(decoding: buffer[0..<count], as: UTF8.self)
        return true
    }

    /// Waits until `needle` has appeared `occurrences` times, for at most 10 seconds of real time: the child
    /// is another process, so its output can only be waited for.
    func waitFor(_ needle: String, occurrences: Int = 1) -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while text.components(separatedBy: needle).count - 1 < occurrences {
            guard Date() < deadline else { return false }
            _ = read(timeoutMilliseconds: 100)
        }
        return true
    }
}

import Fluent
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// One e-mail: plain text, optionally with an HTML alternative (digests) and extra headers
/// (`List-Unsubscribe`).
public struct MailMessage: Sendable, Equatable {
    public var to: String
    public var subject: String
    public var body: String
    public var html: String?
    public var headers: [String: String]

    public init(to: String, subject: String, body: String, html: String? = nil, headers: [String: String] = [:]) {
        self.to = to
        self.subject = subject
        self.body = body
        self.html = html
        self.headers = headers
    }

    /// The message as RFC 5322 text, with header values stripped of line breaks (no header injection);
    /// `multipart/alternative` when there is an HTML part.
    public func rfc5322(from sender: String, date: Date, boundary: String = "=_shieldwall_" + UUID().uuidString) -> String {
        func clean(_ s: String) -> String { s.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ") }
        func crlf(_ s: String) -> String { s.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n") }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        var head = "From: \(clean(sender))\r\nTo: \(clean(to))\r\nSubject: \(clean(subject))\r\nDate: \(formatter.string(from: date))\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) where !name.contains(":") {
            head += "\(clean(name)): \(clean(value))\r\n"
        }
        head += "MIME-Version: 1.0\r\n"
        guard let html else {
            return head + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\(crlf(body))\r\n"
        }
        return head + "Content-Type: multipart/alternative; boundary=\"\(boundary)\"\r\n\r\n"
            + "--\(boundary)\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\(crlf(body))\r\n"
            + "--\(boundary)\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\(crlf(html))\r\n"
            + "--\(boundary)--\r\n"
    }
}

/// Where mail goes: a sendmail-compatible command, or the operator's outbox page.
public protocol Mailer: Sendable {
    func send(_ message: MailMessage, on db: any Database) async throws
    /// Whether `send` hands mail to someone who delivers it; the outbox only keeps it for the operator.
    var delivers: Bool { get }
}

extension Mailer {
    public var delivers: Bool { true }
}

/// Keeps mail in the database for the operator's outbox page (when `SHIELDWALL_SENDMAIL` is unset).
public struct OutboxMailer: Mailer {
    let time: any TimeSource
    public init(time: any TimeSource) { self.time = time }
    public var delivers: Bool { false }

    public func send(_ message: MailMessage, on db: any Database) async throws {
        try await OutboxMessage(recipient: message.to, subject: message.subject, body: message.body, createdAt: time.now)
            .create(on: db)
    }
}

/// Hands mail to a sendmail-compatible command (`msmtp -t`, postfix's `sendmail -t`), which reads the
/// recipients from the headers. The command runs through `/bin/sh -c`, so it may carry arguments; it runs on a
/// thread of its own, never an event loop's, and is stopped when it takes longer than `timeout`.
public struct SendmailMailer: Mailer {
    let command: String
    let sender: String
    let time: any TimeSource
    let timeout: TimeInterval

    public init(command: String, sender: String, time: any TimeSource, timeout: TimeInterval = 60) {
        self.command = command
        self.sender = sender
        self.time = time
        self.timeout = timeout
    }

    public struct Failure: Error, CustomStringConvertible {
        public let status: Int32
        public var timedOut = false
        public var description: String { timedOut ? "the mail command took too long and was stopped" : "the mail command exited with status \(status)" }
    }

    public func send(_ message: MailMessage, on db: any Database) async throws {
        let text = message.rfc5322(from: sender, date: time.now)
        let command = self.command, timeout = self.timeout
        let (status, timedOut): (Int32, Bool) = try await withCheckedThrowingContinuation { continuation in
            Thread {
                do {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: "/bin/sh")
                    process.arguments = ["-c", command]
                    let input = Pipe()
                    process.standardInput = input
                    try process.run()
                    let stopped = NIOLockedValueBox(false)
                    DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
                        guard process.isRunning else { return }
                        stopped.withLockedValue { $0 = true }
                        // The whole group: the shell's own children (a hung `msmtp`) hold the exit back otherwise.
                        // Foundation starts the command as the leader of a process group of its own.
                        kill(-process.processIdentifier, SIGTERM)
                    }
                    // A command that exits without reading its input must not take the server down:
                    // SIGPIPE is ignored (see `configure`) and the failed write is an error like any other.
                    do { try input.fileHandleForWriting.write(contentsOf: Data(text.utf8)) } catch {}
                    try? input.fileHandleForWriting.close()
                    process.waitUntilExit()
                    continuation.resume(returning: (process.terminationStatus, stopped.withLockedValue { $0 }))
                } catch {
                    continuation.resume(throwing: error)
                }
            }.start()
        }
        guard status == 0, !timedOut else { throw Failure(status: status, timedOut: timedOut) }
    }
}

extension ActionContext {
    /// Sends mail about something already saved, after its transaction (a mail command is slow, and must not
    /// hold the database or announce what a rollback then undoes). A mail that fails is logged and answered
    /// as `false`; it never undoes what was saved.
    /// Whether every message went out: false when one failed, or when there is no mail command and they wait in
    /// the operator's outbox (so pages never say "sent" for mail nobody will receive).
    func mailAfterSaving(_ messages: [MailMessage]) async -> Bool {
        var delivered = services.mailer.delivers
        for message in messages {
            do { try await services.mailer.send(message, on: db) } catch {
                Logger(label: "shieldwall.mail").error("mail to \(message.to) not sent: \(error)")
                delivered = false
            }
        }
        return delivered
    }
}

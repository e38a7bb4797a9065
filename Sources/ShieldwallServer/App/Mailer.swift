import Fluent
import Foundation
import Vapor

/// One e-mail, plain text; later issues add an HTML part for digests.
public struct MailMessage: Sendable, Equatable {
    public var to: String
    public var subject: String
    public var body: String

    public init(to: String, subject: String, body: String) {
        self.to = to
        self.subject = subject
        self.body = body
    }

    /// The message as RFC 5322 text, with header values stripped of line breaks (no header injection).
    public func rfc5322(from sender: String, date: Date) -> String {
        func clean(_ s: String) -> String { s.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ") }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return """
        From: \(clean(sender))\r
        To: \(clean(to))\r
        Subject: \(clean(subject))\r
        Date: \(formatter.string(from: date))\r
        MIME-Version: 1.0\r
        Content-Type: text/plain; charset=utf-8\r
        Content-Transfer-Encoding: 8bit\r
        \r
        \(body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n"))\r

        """
    }
}

/// Where mail goes: a sendmail-compatible command, or the operator's outbox page.
public protocol Mailer: Sendable {
    func send(_ message: MailMessage, on db: any Database) async throws
}

/// Keeps mail in the database for the operator's outbox page (when `SHIELDWALL_SENDMAIL` is unset).
public struct OutboxMailer: Mailer {
    let time: any TimeSource
    public init(time: any TimeSource) { self.time = time }

    public func send(_ message: MailMessage, on db: any Database) async throws {
        try await OutboxMessage(recipient: message.to, subject: message.subject, body: message.body, createdAt: time.now)
            .create(on: db)
    }
}

/// Hands mail to a sendmail-compatible command (`msmtp -t`, postfix's `sendmail -t`), which reads the
/// recipients from the headers. The command runs through `/bin/sh -c`, so it may carry arguments.
public struct SendmailMailer: Mailer {
    let command: String
    let sender: String
    let time: any TimeSource

    public init(command: String, sender: String, time: any TimeSource) {
        self.command = command
        self.sender = sender
        self.time = time
    }

    public struct Failure: Error, CustomStringConvertible {
        public let status: Int32
        public var description: String { "the mail command exited with status \(status)" }
    }

    public func send(_ message: MailMessage, on db: any Database) async throws {
        let text = message.rfc5322(from: sender, date: time.now)
        let command = self.command
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                do {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: "/bin/sh")
                    process.arguments = ["-c", command]
                    let input = Pipe()
                    process.standardInput = input
                    try process.run()
                    // A command that exits without reading its input must not take the server down:
                    // SIGPIPE is ignored (see `configure`) and the failed write is an error like any other.
                    do { try input.fileHandleForWriting.write(contentsOf: Data(text.utf8)) } catch {}
                    try? input.fileHandleForWriting.close()
                    process.waitUntilExit()
                    continuation.resume(returning: process.terminationStatus)
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
        guard status == 0 else { throw Failure(status: status) }
    }
}

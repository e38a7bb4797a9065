import ArgumentParser
import Foundation
import ShieldwallServer

struct Admin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin",  // named, not derived from the type: that costs a conformance search at every start
        abstract: "Operator tasks for scripts.",
        subcommands: [CreateOperator.self, ResetPassword.self, CreateToken.self]
    )
}

/// Reads a password from standard input (first line), or makes one up when none is given.
func passwordFromStandardInput() -> (password: String, generated: Bool) {
    if isatty(STDIN_FILENO) == 0, let line = readLine(strippingNewline: true), !line.isEmpty {
        return (line, false)
    }
    return (AdminActions.generatePassword(), true)
}

struct CreateOperator: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create-operator",
        abstract: "Create an operator of this instance.",
        discussion: "The password is read from standard input (first line); when none is piped in, one is generated and printed."
    )

    @Option(help: "The operator's e-mail address.") var email: String
    @Option(help: "The operator's display name.") var name: String

    func run() async throws {
        let (password, generated) = passwordFromStandardInput()
        try await withApp { app in
            try await app.autoMigrate()
            try await AdminActions.createOperator(email: email, name: name, password: password, app: app)
        }
        print("Operator \(email.lowercased()) created." + (generated ? " Password: \(password)" : ""))
    }
}

struct ResetPassword: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset-password",
        abstract: "Set a new password for someone and sign them out everywhere.",
        discussion: "The new password is read from standard input (first line); when none is piped in, one is generated and printed."
    )

    @Option(help: "The person's e-mail address.") var email: String

    func run() async throws {
        let (password, generated) = passwordFromStandardInput()
        try await withApp { app in
            try await AdminActions.resetPassword(email: email, password: password, app: app)
        }
        print("Password of \(email.lowercased()) reset." + (generated ? " New password: \(password)" : ""))
    }
}

struct CreateToken: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create-token",
        abstract: "Create a personal API token for someone and print it (shown once)."
    )

    @Option(help: "The person's e-mail address.") var email: String
    @Option(help: "What the token is for, e.g. 'firewall sync'.") var name: String

    func run() async throws {
        var token = ""
        try await withApp { app in
            token = try await AdminActions.createToken(email: email, name: name, app: app)
        }
        print(token)
    }
}

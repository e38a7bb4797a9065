import Foundation
import ShieldwallCore
import Vapor

/// What the app is given at start and reads on every request: configuration and outside effects
/// (time, mail), the localisation catalogues and the sign-in rules. Tests swap the effects.
public struct ShieldwallServices: Sendable {
    public var configuration: ShieldwallConfiguration
    public var time: any TimeSource
    public var mailer: any Mailer
    public var catalogues: CatalogueSet
    public var passwordPolicy: PasswordPolicy
    public var throttle: SignInThrottle
    /// How domains reach each other, wired once (`DomainLinks`).
    var links = DomainLinks()

    public init(configuration: ShieldwallConfiguration, time: any TimeSource, mailer: any Mailer,
                catalogues: CatalogueSet, passwordPolicy: PasswordPolicy = .shipped, throttle: SignInThrottle = .init()) {
        self.configuration = configuration
        self.time = time
        self.mailer = mailer
        self.catalogues = catalogues
        self.passwordPolicy = passwordPolicy
        self.throttle = throttle
    }
}

extension Application {
    private struct ServicesKey: StorageKey { typealias Value = ShieldwallServices }

    public var shieldwall: ShieldwallServices {
        get {
            guard let services = storage[ServicesKey.self] else {
                preconditionFailure("configure(_:services:) must run before the app is used")
            }
            return services
        }
        set { storage[ServicesKey.self] = newValue }
    }
}

extension Request {
    public var shieldwall: ShieldwallServices { application.shieldwall }
    public var now: Date { application.shieldwall.time.now }

    /// The client's address for throttling and the audit log.
    public var clientAddress: String {
        remoteAddress?.ipAddress ?? "unknown"
    }
}

import ShieldwallCore

/// How a TLP marking reads on pages: the key of its texts and colours, and a choice in a form (plain words first).
extension TLP {
    /// `amber-strict` for AMBER+STRICT, else the raw value: the catalogue (`tlp.KEY.…`) and stylesheet (`tlp-KEY`) key.
    var pageKey: String { self == .amberStrict ? "amber-strict" : rawValue }

    /// "This community (the usual choice) — TLP:AMBER", for a select.
    static func choices(_ markings: [TLP], _ ctx: PageContext) -> [(String, String)] {
        markings.map { ($0.rawValue, "\(ctx.t("tlp.\($0.pageKey).short")) — \($0.label)") }
    }
}

import Plot

/// Labelled form fields with inline errors, and the hidden CSRF field every state-changing form carries.
enum Forms {
    static let csrfField = "_csrf"

    static func csrf(_ ctx: PageContext) -> Node<HTML.FormContext> {
        .input(.type(.hidden), .attr("name", csrfField), .attr("value", ctx.csrfToken))
    }

    /// A label, an input and, when the field was wrong, the reason right under it (linked by
    /// `aria-describedby` so screen readers read it with the field).
    static func field(_ name: String, label: String, type: HTMLInputType = .text, value: String = "",
                      error: String? = nil, hint: String? = nil, autocomplete: String? = nil,
                      required: Bool = true, id customID: String? = nil,
                      extra: [Attribute<HTML.InputContext>] = []) -> Node<HTML.FormContext> {
        let id = customID ?? "field-\(name)"
        var attributes: [Attribute<HTML.InputContext>] = [.type(type), .attr("id", id), .attr("name", name)]
        if type != .password { attributes.append(.attr("value", value)) }
        if required { attributes.append(.attribute(named: "required", value: "required")) }
        if let autocomplete { attributes.append(.attr("autocomplete", autocomplete)) }
        if error != nil {
            attributes.append(.attribute(named: "aria-invalid", value: "true"))
            attributes.append(.attr("aria-describedby", "\(id)-error"))
        }
        attributes += extra
        return .div(.class(error == nil ? "field" : "field invalid"),
            .label(.for(id), .text(label)),
            .unwrap(hint) { .element(named: "small", nodes: [.text($0)]) },
            .selfClosedElement(named: "input", attributes: attributes),
            .unwrap(error) { .p(.class("error"), .attr("id", "\(id)-error"), .text($0)) }
        )
    }

    static func checkbox(_ name: String, label: String, checked: Bool) -> Node<HTML.FormContext> {
        let id = "field-\(name)"
        return .div(.class("field check"),
            .selfClosedElement(named: "input", attributes: [
                .attribute(named: "type", value: "checkbox"), .attr("id", id), .attr("name", name), .attribute(named: "value", value: "true"),
            ] + (checked ? [.attribute(named: "checked", value: "checked")] : [])),
            .label(.for(id), .text(label))
        )
    }

    static func select(_ name: String, label: String, options: [(value: String, text: String)], selected: String,
                       error: String? = nil, id customID: String? = nil) -> Node<HTML.FormContext> {
        let id = customID ?? "field-\(name)"
        return .div(.class(error == nil ? "field" : "field invalid"),
            .label(.for(id), .text(label)),
            .element(named: "select", nodes: [.attr("id", id), .attr("name", name)] + options.map { option in
                .element(named: "option", nodes: [
                    .attr("value", option.value),
                    option.value == selected ? .attribute(named: "selected", value: "selected") : .empty,
                    .text(option.text),
                ])
            }),
            .unwrap(error) { .p(.class("error"), .text($0)) }
        )
    }

    static func textarea(_ name: String, label: String, value: String, error: String? = nil, hint: String? = nil,
                         required: Bool = true, rows: Int = 5, id customID: String? = nil) -> Node<HTML.FormContext> {
        let id = customID ?? "field-\(name)"
        return .div(.class(error == nil ? "field" : "field invalid"),
            .label(.for(id), .text(label)),
            .unwrap(hint) { .element(named: "small", nodes: [.text($0)]) },
            .element(named: "textarea", nodes: [
                .attr("id", id), .attr("name", name), .attr("rows", String(rows)),
                required ? .attribute(named: "required", value: "required") : .empty,
                error == nil ? .empty : .attribute(named: "aria-invalid", value: "true"),
                .text(value),
            ]),
            .unwrap(error) { .p(.class("error"), .text($0)) }
        )
    }

    /// One question answered by picking one of several options: a fieldset whose legend is the
    /// question, with its hint, its error and, after the options, optional feedback.
    static func radios(_ name: String, legend: String, hint: String? = nil, options: [(value: String, text: String)], selected: String?,
                       error: String? = nil, after: Node<HTML.FormContext> = .empty) -> Node<HTML.FormContext> {
        var nodes: [Node<HTML.FormContext>] = [
            .attr("id", "q-\(name)"), .class(error == nil ? "question" : "question invalid"),
            .element(named: "legend", nodes: [.text(legend)]),
        ]
        if let hint { nodes.append(.element(named: "small", nodes: [.text(hint)])) }
        if let error { nodes.append(.p(.class("error"), .text(error))) }
        for option in options {
            let id = "\(name)--\(option.value)"
            nodes.append(.div(.class("choice"),
                .selfClosedElement(named: "input", attributes: [
                    .attribute(named: "type", value: "radio"), .attr("name", name), .attr("value", option.value), .attr("id", id),
                ] + (selected == option.value ? [.attribute(named: "checked", value: "checked")] : [])),
                .label(.for(id), .text(option.text))))
        }
        nodes.append(after)
        return .element(named: "fieldset", nodes: nodes)
    }

    static func submit(_ text: String) -> Node<HTML.FormContext> {
        .button(.type(.submit), .text(text))
    }

    /// A one-button form, e.g. "Revoke".
    static func button(_ ctx: PageContext, action: String, text: String, hidden: [(String, String)] = [],
                       danger: Bool = false) -> Node<HTML.BodyContext> {
        .form(.class("inline"), .method(.post), .action(action),
              csrf(ctx),
              .forEach(hidden) { .input(.type(.hidden), .attr("name", $0.0), .attr("value", $0.1)) },
              .button(.type(.submit), .class(danger ? "danger" : "secondary"), .text(text)))
    }

    /// Actions used now and then (moderation, removal) folded behind "More", so rows show what people use daily.
    /// A `<details>` element: it opens without JavaScript and by keyboard. Nothing when there is nothing to fold.
    static func more(_ ctx: PageContext, _ items: [Node<HTML.BodyContext>]) -> Node<HTML.BodyContext> {
        guard !items.isEmpty else { return .empty }
        return .element(named: "details", nodes: [.class("more"),
            .element(named: "summary", nodes: [.text(ctx.t("more.summary"))]),
            .div(.class("more-items"), .group(items)),
        ])
    }

    /// A list's filters, folded under "Filter the list" so the list leads; open while a filter is in use.
    static func filters(_ ctx: PageContext, active: Bool, _ form: Node<HTML.BodyContext>) -> Node<HTML.BodyContext> {
        .element(named: "details", nodes: [.class("filters"),
            active ? .attribute(named: "open", value: "open") : .empty,
            .element(named: "summary", nodes: [.text(ctx.t(active ? "filters.summary-active" : "filters.summary"))]),
            form,
        ])
    }

    /// Tags after a title, set apart from it.
    static func tags(_ tags: [String], link: (String) -> String) -> Node<HTML.BodyContext> {
        guard !tags.isEmpty else { return .empty }
        return .span(.class("tags"), .forEach(tags) { tag in .group(.text(" "), .a(.class("tag"), .href(link(tag)), .text("#" + tag))) })
    }

    /// Hidden fields of a confirmed action travel through the confirmation page under this prefix.
    static let confirmFieldPrefix = "field."

    /// A destructive action: its button opens a confirmation page (`ConfirmController`, no JavaScript needed) that says
    /// what will happen, naming `name`, and posts to `action` only when the person confirms there. `kind` picks the
    /// question and the confirm button's text (`confirm.KIND`, `confirm.KIND.yes`).
    static func dangerButton(_ ctx: PageContext, action: String, text: String, confirm kind: String, name: String = "",
                             hidden: [(String, String)] = []) -> Node<HTML.BodyContext> {
        let fields = [("kind", kind), ("action", action), ("name", name), ("back", ctx.returnPath ?? "")]
            + hidden.map { (confirmFieldPrefix + $0.0, $0.1) }
        return .form(.class("inline"), .method(.post), .action(SiteURL.confirm.path),
              csrf(ctx),
              .forEach(fields) { .input(.type(.hidden), .attr("name", $0.0), .attr("value", $0.1)) },
              .button(.type(.submit), .class("danger"), .text(text)))
    }

    /// A summary of what is wrong at the top of a form, so nobody misses an error below the fold.
    static func errorSummary(_ ctx: PageContext, _ errors: [String: String]) -> Node<HTML.BodyContext> {
        guard !errors.isEmpty else { return .empty }
        return .div(.class("error-summary"), .attribute(named: "role", value: "alert"),
            .p(.strong(.text(ctx.t("form.fix-errors")))),
            .ul(.forEach(errors.sorted(by: { $0.key < $1.key })) { .li(.text($0.value)) })
        )
    }
}

import Fluent

/// Every migration in order. Batches are history: add a new numbered folder, never edit a landed one.
enum ShieldwallMigrations {
    static let all: [any Migration] = [
        // 001: accounts and organisations
        CreateOrganisations(),
        CreatePeople(),
        CreateInvitations(),
        CreateWebSessions(),
        CreateSignInFailures(),
        CreateAPITokens(),
        CreateRecoveryCodes(),
        CreateAuditEvents(),
        CreateOutboxMessages(),
        CreateInstanceSettings(),
        // 002: communities of support
        CreateCommunities(),
        CreateParticipation(),
        CreateEvents(),
        // 003: leavers
        AddPersonDeactivation(),
        // 004: threat sharing
        CreateThreatSharing(),
        // 005: self-assessment, action plan, staff coach
        CreateAssessments(),
        // 006: conversations; editable threat reports
        CreateConversations(),
        CreateReportRevisions(),
        // 007: one draft self-assessment per firm; indicators looked up by type and value only
        OneDraftPerFirm(),
        DropIndicatorValueIndex(),
        // 008: an IPv4-mapped IPv6 address is its IPv4 address
        FoldIPv4MappedAddresses(),
        // 009: one table of personal feed addresses (blocklists and calendars)
        MergeFeedTokens(),
        // 010: the community's joint plan and playbooks; notifications about plans, calls for help and new reports
        CreatePlans(),
        CreatePlaybooks(),
        CreateHelpRequests(),
        AddNotificationSubjects(),
        // 011: a digest claimed by a process that died is sent by the next run
        AddDigestClaims(),
        // 012: the provider directory and reviews of providers
        CreateProviders(),
        CreateProviderReviews(),
        // 013: provider answers, reported reviews and pooled purchases
        CreateProviderClaims(),
        CreatePooledPurchases(),
        // 014: a firm's integration keys and the alerts its tools send
        CreateIntegrations(),
        // 015: the devices a firm's tools report and what the firm asks of them
        CreateFirmDevices(),
        // 016: courses, who must do which by when, and what each person did
        CreateTraining(),
        // 017: KPI values firms enter, and the KPI sets communities agree
        CreateMetrics(),
        // 018: city chapters' public pages, visitors' registrations and capture-the-flag
        CreateChapters(),
        // 019: chapters' mentors, newcomers and pairs; the talent pool and openings
        CreateMentoringAndTalent(),
        // 020: chapters' guided labs for beginners
        CreateLabs(),
        // 021: capture-the-flag teams
        AddCTFTeams(),
        // 022: a second link for visitors, in the reminder and "a seat is free" mails
        AddRegistrationLaterLinks(),
        // 023: large STIX imports handed to a background job
        CreateStixImportJobs(),
        // 024: indexes for what every page asks by person or firm
        AddLookupIndexes(),
        // 025: the search index's documents found by what they are about, not by reading them all
        AddSearchReferences(),
        // 026: federation: peers pulled from, reading accounts of other instances, where pulled reports came from
        CreateFederation(),
        // 027: visitors' mails in the language of the page they used
        AddVisitorLanguages(),
        // 028: federation: reading accounts an operator lets push into a community, and what they pushed
        AddPeerPushing(),
        // 029: a mark every write moves, kept by triggers: signed-in pages are kept under it
        WatchPageData(),
    ]
}

import FlowrunCore
import Foundation
import Testing

@Suite("RecordStore contract: sort, limit, fields, create, update, delete on every store", .temporaryPostgresSchemas)
struct RecordStoreConformanceTests {
    static let sortCases: [(field: String, ascending: Bool, expected: [Int])] = [
        ("Age", true, [4, 5, 1, 3, 2]),  // null first, then numerically (9 before 36)
        ("Age", false, [2, 3, 1, 5, 4]),  // null last
        ("Name", true, [1, 3, 2, 4, 5]),  // ignoring case: ada, alan, grace, katherine, zoë
        ("City", true, [5, 1, 3, 2, 4]),  // London and london tie: creation order
        ("City", false, [4, 2, 1, 3, 5]),
        ("Phone", true, [2, 3, 1, 4, 5]),  // null and empty text are both null
        ("LastLogin", true, [3, 5, 2, 4, 1]),
        ("Active", true, [4, 2, 5, 1, 3]),  // missing, false, true
        ("Shift", false, [2, 1, 3, 4, 5]),
        ("id", false, [5, 4, 3, 2, 1]),
    ]

    @Test(arguments: StoreKind.allCases, RecordStoreConformanceTests.sortCases)
    func sort(store kind: StoreKind, _ sortCase: (field: String, ascending: Bool, expected: [Int])) async throws {
        let store = try await kind.makeStore(seedContacts)
        let query = RecordQuery(
            object: "Contact", sort: RecordSort(field: sortCase.field, ascending: sortCase.ascending))
        #expect(numbers(try await store.query(query)) == sortCase.expected)
    }

    @Test(arguments: StoreKind.allCases, [(2, [2, 3]), (0, []), (-1, []), (50, [2, 3, 1, 5, 4])])
    func limit(store kind: StoreKind, _ limitCase: (Int, [Int])) async throws {
        let store = try await kind.makeStore(seedContacts)
        let query = RecordQuery(object: "Contact", sort: RecordSort(field: "Age", ascending: false), limit: limitCase.0)
        #expect(numbers(try await store.query(query)) == limitCase.1)
    }

    @Test(arguments: StoreKind.allCases)
    func unsortedResultsComeInCreationOrderAndObjectNamesIgnoreCase(store kind: StoreKind) async throws {
        let store = try await kind.makeStore(seedContacts)
        #expect(numbers(try await store.query(RecordQuery(object: "cOnTaCt"))) == [1, 2, 3, 4, 5])
        #expect(try await store.query(RecordQuery(object: "Account")).isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func fieldListKeepsIdAndTheFieldsAsked(store kind: StoreKind) async throws {
        let store = try await kind.makeStore(seedContacts)
        let query = RecordQuery(
            object: "Contact", filters: [RecordFilter(field: "Age", op: .equalTo, value: 36)],
            fields: ["name", "Nickname__c"])
        let records = try await store.query(query)
        let record = try #require(records.first)
        #expect(records.count == 1)
        #expect(record.objectType == "Contact")
        #expect(record.fields == ["Id": .string(contactID(1)), "Name": "Ada Lovelace", "Nickname__c": .null])
    }

    @Test(arguments: StoreKind.allCases)
    func createAssignsAnIdOrKeepsTheOneGiven(store kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let taken = RecordID.make(object: "User", sequence: 2)
        let kept = try await store.create(
            FlowRecord(objectType: "User", fields: ["Id": .string(taken), "Name": "Ada"]))
        let made = try await store.create(FlowRecord(objectType: "User", fields: ["Name": "Grace"]))
        #expect(kept == taken)
        // The second record is number 2, whose Id the first took: the store skips to 3.
        #expect(made == RecordID.make(object: "User", sequence: 3))
        #expect(made.count == 18 && made.hasPrefix("005"))
        let names = try await store.query(RecordQuery(object: "User", sort: RecordSort(field: "Name", ascending: true)))
        #expect(names.map(\.id) == [taken, made])
        #expect(names.map { $0["name"] } == ["Ada", "Grace"])
    }

    @Test(arguments: StoreKind.allCases)
    func createRefusesATakenIdAndARecordWithoutObject(store kind: StoreKind) async throws {
        let store = try await kind.makeStore(seedContacts)
        let duplicate = await #expect(throws: RecordStoreError.self) {
            // Ids are unique across objects, as in Salesforce.
            try await store.create(FlowRecord(objectType: "Lead", fields: ["Id": .string(contactID(1))]))
        }
        #expect(duplicate?.code == .invalidValue)
        let untyped = await #expect(throws: RecordStoreError.self) {
            try await store.create(FlowRecord(fields: ["Name": "x"]))
        }
        #expect(untyped?.code == .invalidObject)
        let badID = await #expect(throws: RecordStoreError.self) {
            try await store.create(FlowRecord(objectType: "Lead", fields: ["Id": 5]))
        }
        #expect(badID?.code == .invalidValue)
    }

    @Test(arguments: StoreKind.allCases)
    func updateSetsNewAndExistingFieldsIgnoringCase(store kind: StoreKind) async throws {
        let store = try await kind.makeStore(seedContacts)
        let lockedUntil = instant("2024-05-01T10:00:00Z")
        try await store.update(
            object: "contact", id: contactID(2),
            fields: ["failedcodecount__c": 3, "LockedUntil__c": .dateTime(lockedUntil), "NAME": "Grace B. Hopper"])
        let found = try await store.query(
            RecordQuery(
                object: "Contact", filters: [RecordFilter(field: "FailedCodeCount__c", op: .greaterThan, value: 2)]))
        let record = try #require(found.first)
        #expect(numbers(found) == [2])
        #expect(record["LockedUntil__c"] == .dateTime(lockedUntil))
        #expect(record.storedName(of: "name") == "Name")
        #expect(record["Name"] == "Grace B. Hopper")
        #expect(record["Email"] == "grace@example.com")
    }

    @Test(arguments: StoreKind.allCases)
    func updateOfAMissingRecordIsNotFound(store kind: StoreKind) async throws {
        let store = try await kind.makeStore(seedContacts)
        let missing = await #expect(throws: RecordStoreError.self) {
            try await store.update(object: "Contact", id: contactID(9), fields: ["Name": "x"])
        }
        #expect(missing == RecordStoreError.notFound(object: "Contact", id: contactID(9)))
        let wrongObject = await #expect(throws: RecordStoreError.self) {
            try await store.update(object: "Account", id: contactID(1), fields: ["Name": "x"])
        }
        #expect(wrongObject?.code == .notFound)
        let newID = await #expect(throws: RecordStoreError.self) {
            try await store.update(object: "Contact", id: contactID(1), fields: ["Id": .string(contactID(7))])
        }
        #expect(newID?.code == .invalidField)
    }

    @Test(arguments: StoreKind.allCases)
    func deleteCountsWhatItDeleted(store kind: StoreKind) async throws {
        let store = try await kind.makeStore(seedContacts)
        #expect(try await store.delete(object: "Account", ids: [contactID(1)]) == 0)
        #expect(
            try await store.delete(object: "CONTACT", ids: [contactID(1), contactID(3), contactID(3), "nope"]) == 2)
        #expect(try await store.delete(object: "Contact", ids: [contactID(1)]) == 0)
        #expect(numbers(try await store.query(RecordQuery(object: "Contact"))) == [2, 4, 5])
        let gone = await #expect(throws: RecordStoreError.self) {
            try await store.update(object: "Contact", id: contactID(1), fields: ["Name": "x"])
        }
        #expect(gone?.code == .notFound)
    }

    @Test(arguments: StoreKind.allCases)
    func concurrentCreatesGetDistinctIds(store kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let ids = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<40 {
                group.addTask {
                    try await store.create(FlowRecord(objectType: "Task", fields: ["Index": .number(Decimal(index))]))
                }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(ids.count == 40)
        #expect(try await store.query(RecordQuery(object: "Task")).count == 40)
    }

    @Test(arguments: StoreKind.allCases)
    func aRecordIsFoundByItsIdAloneWithItsObject(store kind: StoreKind) async throws {
        let store = try await kind.makeStore(seedContacts)
        let account = try await store.create(FlowRecord(objectType: "Account", fields: ["Name": "Acme"]))
        let grace = try #require(try await store.record(id: contactID(2)))
        #expect(grace.objectType == "Contact")
        #expect(grace["Name"] == "Grace Hopper")
        #expect(grace["Born"] == .date(LocalDate(year: 1906, month: 12, day: 9)))
        let acme = try #require(try await store.record(id: account))
        #expect(acme.objectType == "Account")
        #expect(acme.fields == ["Id": .string(account), "Name": "Acme"])
        #expect(try await store.record(id: "001000000000099AAA") == nil)
        _ = try await store.delete(object: "Contact", ids: [contactID(2)])
        #expect(try await store.record(id: contactID(2)) == nil)
    }
}

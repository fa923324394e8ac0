import FlowrunCore
import Foundation
import Testing

/// Screen components, ObjectProvided fields, visibility rules and dynamic choice sets.
@Suite struct ScreenFieldTests {
    typealias T = InterpreterTests

    @Test func componentsAreAnsweredThroughTheirParameters() async throws {
        let flow = try T.flow(
            """
            <screens><name>Ask</name><label>Ask</label>
              <connector><targetReference>Copy</targetReference></connector>
              <fields><name>Contact_Email</name><extensionName>flowruntime:email</extensionName><fieldType>ComponentInstance</fieldType>
                <inputParameters><name>label</name><value><stringValue>Your email</stringValue></value></inputParameters>
                <isRequired>true</isRequired><storeOutputAutomatically>true</storeOutputAutomatically></fields>
              <fields><name>Agree</name><extensionName>flowruntime:toggle</extensionName><fieldType>ComponentInstance</fieldType>
                <outputParameters><assignToReference>Agreed</assignToReference><name>value</name></outputParameters>
                <isRequired>true</isRequired></fields>
              <fields><name>Logo</name><extensionName>flowruntime:image</extensionName><fieldType>ComponentInstance</fieldType>
                <inputParameters><name>imageName</name><value><stringValue>Logo</stringValue></value></inputParameters>
                <isRequired>true</isRequired></fields>
            </screens>
            <assignments><name>Copy</name><label>Copy</label>
              <assignmentItems><assignToReference>Email</assignToReference><operator>Assign</operator><value><elementReference>Contact_Email.value</elementReference></value></assignmentItems>
            </assignments>
            <start><connector><targetReference>Ask</targetReference></connector></start>
            \(T.variable("Email", "String"))
            \(T.variable("Agreed", "Boolean"))
            """)
        let interpreter = T.interpreter(flow)
        var interview = try await interpreter.start()
        let prompt = try #require(interview.status.prompt)
        let email = try #require(prompt.fields.first { $0.name == "Contact_Email" })
        #expect(email.kind == .component)
        #expect(email.extensionName == "flowruntime:email")
        #expect(email.inputParameters == ["label": "Your email"])
        #expect(email.outputParameters == ["value"])
        #expect(!email.isRequired)
        let agree = try #require(prompt.fields.first { $0.name == "Agree" })
        #expect(agree.outputParameters == ["value"])
        let logo = try #require(prompt.fields.first { $0.name == "Logo" })
        #expect(!logo.isInput)
        await interpreter.resume(&interview, answers: ["Contact_Email.value": "ada@example.com", "Agree.value": "true"])
        let outputs = T.outputs(interview)
        #expect(outputs["Email"] == "ada@example.com")
        #expect(outputs["Agreed"] == true)
    }

    @Test func aPreselectedChoiceIsTheAnswerWhenTheFieldIsLeftAsItIs() async throws {
        let flow = try T.flow(
            """
            <choices><name>End_Choice</name><choiceText>End the setup</choiceText><dataType>String</dataType>
              <value><stringValue>EndSetup</stringValue></value></choices>
            <choices><name>Skip_Choice</name><choiceText>Skip this step</choiceText><dataType>String</dataType>
              <value><stringValue>Skip</stringValue></value></choices>
            <screens><name>Ask</name><label>Ask</label>
              <connector><targetReference>Copy</targetReference></connector>
              <fields><name>Option</name><choiceReferences>End_Choice</choiceReferences><choiceReferences>Skip_Choice</choiceReferences>
                <dataType>String</dataType><defaultSelectedChoiceReference>Skip_Choice</defaultSelectedChoiceReference>
                <fieldText>Choose</fieldText><fieldType>DropdownBox</fieldType><isRequired>true</isRequired></fields>
            </screens>
            <assignments><name>Copy</name><label>Copy</label>
              <assignmentItems><assignToReference>Chosen</assignToReference><operator>Assign</operator><value><elementReference>Option</elementReference></value></assignmentItems>
            </assignments>
            <start><connector><targetReference>Ask</targetReference></connector></start>
            \(T.variable("Chosen", "String"))
            """)
        let interpreter = T.interpreter(flow)
        var untouched = try await interpreter.start()
        await interpreter.resume(&untouched, answers: [:])
        #expect(T.outputs(untouched)["Chosen"] == "Skip")
        var changed = try await interpreter.start()
        await interpreter.resume(&changed, answers: ["Option": "EndSetup"])
        #expect(T.outputs(changed)["Chosen"] == "EndSetup")
    }

    @Test func objectProvidedFieldsEditTheRecordVariable() async throws {
        let flow = try T.flow(
            """
            <screens><name>Edit</name><label>Edit</label>
              <fields><fieldType>ObjectProvided</fieldType><isRequired>true</isRequired><objectFieldReference>Article.Title</objectFieldReference></fields>
              <fields><fieldType>ObjectProvided</fieldType><isRequired>false</isRequired><objectFieldReference>Article.Summary</objectFieldReference></fields>
            </screens>
            <start><connector><targetReference>Edit</targetReference></connector></start>
            <variables><name>Article</name><dataType>SObject</dataType><isCollection>false</isCollection><isInput>false</isInput><isOutput>true</isOutput><objectType>Knowledge__kav</objectType></variables>
            """)
        let interpreter = T.interpreter(flow)
        var interview = try await interpreter.start()
        #expect(interview.status.prompt?.fields.map(\.name) == ["Article.Title", "Article.Summary"])
        await interpreter.resume(&interview, answers: ["Article.Summary": "short"])
        #expect(interview.status.prompt?.fields.first?.error == "Complete this field.")
        await interpreter.resume(&interview, answers: ["Article.Title": "How to", "Article.Summary": "short"])
        #expect(
            T.outputs(interview)["Article"]
                == .record(FlowRecord(objectType: "Knowledge__kav", fields: ["Title": "How to", "Summary": "short"])))
    }

    @Test func hiddenFieldsAreNeitherShownNorRequired() async throws {
        let flow = try T.flow(
            """
            <screens><name>Ask</name><label>Ask</label>
              <fields><name>Has_Phone</name><dataType>Boolean</dataType><fieldText>Has a phone</fieldText><fieldType>InputField</fieldType><isRequired>false</isRequired></fields>
              <fields><name>Phone</name><dataType>String</dataType><fieldText>Phone</fieldText><fieldType>InputField</fieldType><isRequired>true</isRequired>
                <visibilityRule><conditionLogic>and</conditionLogic>
                  <conditions><leftValueReference>Has_Phone</leftValueReference><operator>EqualTo</operator><rightValue><booleanValue>true</booleanValue></rightValue></conditions>
                </visibilityRule></fields>
            </screens>
            <start><connector><targetReference>Ask</targetReference></connector></start>
            """)
        let interpreter = T.interpreter(flow)
        var interview = try await interpreter.start()
        #expect(interview.status.prompt?.fields.map(\.name) == ["Has_Phone"])
        await interpreter.resume(&interview, answers: ["Has_Phone": true])
        #expect(interview.status.prompt?.fields.first { $0.name == "Phone" }?.error == "Complete this field.")
        var second = try await interpreter.start()
        await interpreter.resume(&second, answers: ["Has_Phone": false])
        _ = T.outputs(second)
    }

    @Test func recordChoiceSetsQueryTheStoreAndAssignTheChosenRecord() async throws {
        let store = try InMemoryRecordStore(records: [
            FlowRecord(objectType: "Account", fields: ["Id": "001000000000001AAA", "Name": "Acme", "Type": "Customer"]),
            FlowRecord(objectType: "Account", fields: ["Id": "001000000000002AAA", "Name": "Globex", "Type": "Partner"]),
            FlowRecord(objectType: "Account", fields: ["Id": "001000000000003AAA", "Name": "Initech", "Type": "Customer"]),
        ])
        let flow = try T.flow(
            """
            <dynamicChoiceSets><name>Customers</name><dataType>String</dataType><displayField>Name</displayField>
              <filters><field>Type</field><operator>EqualTo</operator><value><stringValue>Customer</stringValue></value></filters>
              <object>Account</object>
              <outputAssignments><assignToReference>Chosen_Name</assignToReference><field>Name</field></outputAssignments>
              <sortField>Name</sortField><sortOrder>Desc</sortOrder><valueField>Id</valueField></dynamicChoiceSets>
            <dynamicChoiceSets><name>Types</name><dataType>Picklist</dataType>
              <picklistField>Type</picklistField><picklistObject>Account</picklistObject></dynamicChoiceSets>
            <screens><name>Pick</name><label>Pick</label>
              <fields><name>Account_Pick</name><choiceReferences>Customers</choiceReferences><dataType>String</dataType><fieldText>Account</fieldText><fieldType>RadioButtons</fieldType><isRequired>true</isRequired></fields>
              <fields><name>Type_Pick</name><choiceReferences>Types</choiceReferences><dataType>String</dataType><fieldText>Type</fieldText><fieldType>DropdownBox</fieldType><isRequired>false</isRequired></fields>
            </screens>
            <start><connector><targetReference>Pick</targetReference></connector></start>
            \(T.variable("Chosen_Name", "String"))
            """)
        let interpreter = T.interpreter(flow, records: store)
        var interview = try await interpreter.start()
        let prompt = try #require(interview.status.prompt)
        let accounts = try #require(prompt.fields.first { $0.name == "Account_Pick" })
        #expect(accounts.choices.map(\.label) == ["Initech", "Acme"])
        #expect(accounts.choices.map(\.value) == ["001000000000003AAA", "001000000000001AAA"])
        #expect(prompt.fields.first { $0.name == "Type_Pick" }?.choices.map(\.label) == ["Customer", "Partner"])
        await interpreter.resume(&interview, answers: ["Account_Pick": "001000000000001AAA"])
        #expect(T.outputs(interview)["Chosen_Name"] == "Acme")
    }
}

extension ScreenFieldTests {
    @Test func multiSelectAnswersMayBeAListAndAreKeptWithSemicolons() async throws {
        let flow = try T.flow(
            """
            <choices><name>Red</name><choiceText>Red</choiceText><dataType>String</dataType><value><stringValue>red</stringValue></value></choices>
            <choices><name>Blue</name><choiceText>Blue</choiceText><dataType>String</dataType><value><stringValue>blue</stringValue></value></choices>
            <screens><name>Ask</name><label>Ask</label>
              <connector><targetReference>Keep</targetReference></connector>
              <fields><name>Colours</name><choiceReferences>Red</choiceReferences><choiceReferences>Blue</choiceReferences><dataType>String</dataType>
                <fieldText>Colours</fieldText><fieldType>MultiSelectCheckboxes</fieldType><isRequired>true</isRequired></fields>
            </screens>
            <assignments><name>Keep</name><label>Keep</label>
              <assignmentItems><assignToReference>Picked</assignToReference><operator>Assign</operator><value><elementReference>Colours</elementReference></value></assignmentItems>
            </assignments>
            <start><connector><targetReference>Ask</targetReference></connector></start>
            \(T.variable("Picked", "Multipicklist"))
            """)
        let interpreter = T.interpreter(flow)
        var interview = try await interpreter.start()
        #expect(interview.status.prompt?.fields.first?.kind == .multiChoice)
        #expect(interview.status.prompt?.fields.first?.choices.map(\.value) == ["red", "blue"])
        await interpreter.resume(&interview, answers: ["Colours": .collection(["red", "blue"])])
        #expect(T.outputs(interview)["Picked"] == "red;blue")
    }
}

extension ScreenFieldTests {
    @Test func everyStandardFieldTypeIsDescribedForFrontEnds() async throws {
        let flow = try T.flow(
            """
            <choices><name>Yes</name><choiceText>Yes</choiceText><dataType>String</dataType><value><stringValue>yes</stringValue></value></choices>
            <screens><name>All</name><label>All</label>
              <fields><name>Intro</name><fieldText>Hello {!Who}</fieldText><fieldType>DisplayText</fieldType></fields>
              <fields><name>Section</name><fieldType>RegionContainer</fieldType><regionContainerType>SectionWithoutHeader</regionContainerType>
                <visibilityRule><conditionLogic>and</conditionLogic>
                  <conditions><leftValueReference>Who</leftValueReference><operator>EqualTo</operator><rightValue><stringValue>Ada</stringValue></rightValue></conditions>
                </visibilityRule>
                <fields><name>Column_1</name><fieldType>Region</fieldType>
                  <fields><name>Notes</name><fieldText>Notes</fieldText><fieldType>LargeTextArea</fieldType><isRequired>false</isRequired></fields>
                </fields>
                <fields><name>Column_2</name><fieldType>Region</fieldType>
                  <fields><name>Secret</name><fieldText>Password</fieldText><fieldType>PasswordField</fieldType><isRequired>false</isRequired></fields>
                </fields>
              </fields>
              <fields><name>Amount</name><dataType>Currency</dataType><fieldText>Amount</fieldText><fieldType>InputField</fieldType><isRequired>false</isRequired><scale>2</scale></fields>
              <fields><name>Agree</name><dataType>Boolean</dataType><fieldText>Agree</fieldText><fieldType>InputField</fieldType><isRequired>false</isRequired></fields>
              <fields><name>When</name><dataType>DateTime</dataType><fieldText>When</fieldText><fieldType>InputField</fieldType><isRequired>false</isRequired></fields>
              <fields><name>Radio</name><choiceReferences>Yes</choiceReferences><dataType>String</dataType><fieldText>Radio</fieldText><fieldType>RadioButtons</fieldType><isRequired>false</isRequired></fields>
              <fields><name>Dropdown</name><choiceReferences>Yes</choiceReferences><dataType>String</dataType><fieldText>Dropdown</fieldText><fieldType>DropdownBox</fieldType><isRequired>false</isRequired></fields>
              <fields><name>Boxes</name><choiceReferences>Yes</choiceReferences><dataType>String</dataType><fieldText>Boxes</fieldText><fieldType>MultiSelectCheckboxes</fieldType><isRequired>false</isRequired></fields>
              <fields><name>Picklist</name><choiceReferences>Yes</choiceReferences><dataType>String</dataType><fieldText>Picklist</fieldText><fieldType>MultiSelectPicklist</fieldType><isRequired>false</isRequired></fields>
            </screens>
            <start><connector><targetReference>All</targetReference></connector></start>
            \(T.variable("Who", "String", output: false, input: true))
            """)
        let interpreter = T.interpreter(flow)
        let shown = try await interpreter.start(inputs: ["Who": "Ada"])
        let fields = try #require(shown.status.prompt?.fields)
        #expect(fields.map(\.name) == ["Intro", "Notes", "Secret", "Amount", "Agree", "When", "Radio", "Dropdown", "Boxes", "Picklist"])
        #expect(
            fields.map(\.kind) == [
                .displayText, .largeText, .password, .input, .input, .input, .choice, .choice, .multiChoice, .multiChoice,
            ])
        #expect(
            fields.map(\.dataType) == [
                .string, .string, .string, .currency, .boolean, .dateTime, .string, .string, .multipicklist, .multipicklist,
            ])
        #expect(fields[0].text == "Hello Ada")
        #expect(fields[2].isSecret)
        #expect(fields[3].scale == 2)
        #expect(fields[6].choices.map(\.label) == ["Yes"])
        // The section's visibility rule hides the fields of its columns.
        let hidden = try await interpreter.start(inputs: ["Who": "Grace"])
        #expect(hidden.status.prompt?.fields.map(\.name).contains("Notes") == false)
        #expect(hidden.status.prompt?.fields.map(\.name).contains("Secret") == false)
    }
}

extension ScreenFieldTests {
    @Test func choiceAnswersMayNameTheLabelAndMustBeOnOffer() async throws {
        let flow = try T.flow(
            """
            <choices><name>Gold_Tier</name><choiceText>Gold</choiceText><dataType>String</dataType><value><stringValue>G</stringValue></value></choices>
            <choices><name>Silver_Tier</name><choiceText>Silver</choiceText><dataType>String</dataType><value><stringValue>S</stringValue></value></choices>
            <screens><name>Ask</name><label>Ask</label>
              <fields><name>Tier</name><choiceReferences>Gold_Tier</choiceReferences><choiceReferences>Silver_Tier</choiceReferences><dataType>String</dataType>
                <fieldText>Tier</fieldText><fieldType>RadioButtons</fieldType><isRequired>true</isRequired></fields>
              <fields><name>Extras</name><choiceReferences>Gold_Tier</choiceReferences><choiceReferences>Silver_Tier</choiceReferences><dataType>String</dataType>
                <fieldText>Extras</fieldText><fieldType>MultiSelectPicklist</fieldType><isRequired>false</isRequired></fields>
            </screens>
            <start><connector><targetReference>Ask</targetReference></connector></start>
            """)
        let interpreter = T.interpreter(flow)
        var interview = try await interpreter.start()
        await interpreter.resume(&interview, answers: ["Tier": "Bronze"])
        #expect(interview.status.prompt?.fields.first?.error == "Choose from: Gold, Silver.")
        await interpreter.resume(&interview, answers: ["Tier": "Gold", "Extras": "silver_tier;G"])
        guard case .finished = interview.status else {
            Issue.record("expected the interview to finish, it is \(interview.status)")
            return
        }
        #expect(interview.value(of: "Tier") == "G")
        #expect(interview.value(of: "Extras") == "S;G")
    }
}

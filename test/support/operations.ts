/** The operations the tests send, written as an agency system or the KDN portal would. */
export const REGISTER_PERSON = /* GraphQL */ `
  mutation RegisterPerson($input: RegisterPersonInput!) {
    registerPerson(input: $input) {
      outcome
      person {
        id
        fullName
        maskedSnils
      }
      candidates {
        id
        fullName
        maskedSnils
      }
    }
  }
`;

export const REGISTER_FAMILY = /* GraphQL */ `
  mutation RegisterFamily($input: RegisterFamilyInput!) {
    registerFamily(input: $input) {
      id
      categories
      members {
        role
        person {
          id
        }
      }
    }
  }
`;

export const reportSignal = (agency: string) => /* GraphQL */ `
  mutation ReportSignal($input: ReportSignalInput!) {
    ${agency} { reportSignal(input: $input) { id agency status childId indicators { code level } } }
  }
`;

export const recordMeasure = (agency: string) => /* GraphQL */ `
  mutation RecordMeasure($input: RecordMeasureInput!) {
    ${agency} { recordMeasure(input: $input) { id agency status childId dueDate doneDate } }
  }
`;

const RECORDS = 'signals { id agency description indicators { code } } measures { id title status dueDate doneDate }';

/** Every agency's section with its own facts: what the KDN portal asks for. */
export const AGENCY_SECTIONS = `
  education { ${RECORDS} schoolStatus { schoolName className unexcusedAbsences failingGrades internalRegister } }
  health { ${RECORDS} status { clinicName lastCheckupOn healthGroup disabled careConcerns } }
  police { ${RECORDS} onJuvenileRegister registrations { unit registeredOn } offences { kind article } domesticIncidents { occurredOn } }
  social { ${RECORDS} difficultSituations { recognisedOn } supports { kind } patronages { kind } benefits { kind amount } }
  guardianship { ${RECORDS} inspections { actNumber } removals { actNumber } status { status since } }
`;

export const CASE_VIEW = /* GraphQL */ `
  query CaseView($id: ID!) {
    child(id: $id) {
      id fullName birthDate snils
      families { id categories members { role person { fullName } } }
      bankStanding { inRegister entries { includedOn } }
      ${AGENCY_SECTIONS}
    }
  }
`;

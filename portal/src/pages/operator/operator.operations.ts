import { graphql } from '../../gql';

/** The data bank's register of a territory: one account card (JSON, as the regional bank receives it) per family. */
export const DATA_BANK_REGISTER = graphql(`
  query PortalDataBankRegister($municipality: String!, $currentOnly: Boolean!, $afterFamily: ID, $first: Int!) {
    dataBankRegister(municipality: $municipality, currentOnly: $currentOnly, afterFamily: $afterFamily, first: $first)
  }
`);

export const ACCOUNT_CARD = graphql(`
  query PortalAccountCard($familyId: ID!) {
    family(id: $familyId) {
      id
      municipality
      categories
      registeredAddress
      actualAddress
      members {
        role
        person {
          id
          fullName
          birthDate
        }
      }
      accountCard {
        familyId
        detectedOn
        detectedBy
        sopSigns
        sopSituations
        parentProfiles
        housing {
          kind
          area
          comfort
          dilapidated
          sanitary
          otherDescription
        }
        income {
          salary
          pension
          benefits
          smallholding
          alimony
          scholarship
          other
        }
        incomePerMember
        memberCount
        minorCount
        supportMeasures
        supportNotArranged
        additionalInfo
        registrations {
          body
          personId
          registeredOn
          protocol
          reason
          removedOn
        }
        attachments {
          kind
          personId
          organisation
          detail
          phone
        }
        members {
          personId
          birthPlace
          occupation
          phones
        }
        updatedAt
      }
    }
  }
`);

/** Asked only when the operator wants the file: the printed card is the largest part of the answer. */
export const ACCOUNT_CARD_DOCUMENT = graphql(`
  query PortalAccountCardDocument($familyId: ID!) {
    family(id: $familyId) {
      id
      accountCard {
        familyId
        document {
          fileName
          contentType
          base64
        }
      }
    }
  }
`);

export const RECONCILIATION = graphql(`
  query PortalRegisterReconciliation($municipality: String!, $year: Int!, $quarter: Int!) {
    registerReconciliation(municipality: $municipality, year: $year, quarter: $quarter) {
      asOf
      from
      to
      csv
      xlsxBase64
      notes
      rows {
        agency
        kind
        explanation
        childId
        childFullName
        childBirthDate
        familyId
        caseNumber
        registrationKind
        agencyRegisteredOn
        bankIncludedOn
        bankRemovedOn
      }
      summary {
        agency
        missingRegistration
        notInRegister
        removedButOpen
        total
      }
    }
  }
`);

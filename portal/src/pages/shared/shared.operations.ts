import { graphql } from '../../gql';

/** Whom the logged-in person acts for: the organisation's name, region and territories. */
export const ME = graphql(`
  query PortalMe {
    actingOrganisation {
      id
      name
      type
      region
      territories
    }
  }
`);

/**
 * The unified case view: the bank's card and every agency's section. A section or field the
 * caller may not read comes back null with its reason; a section whose service did not answer
 * comes back null with SUBGRAPH_UNAVAILABLE: the page tells them apart, never as empty data.
 */
export const CHILD_CARD = graphql(`
  query PortalChildCard($id: ID!) {
    child(id: $id) {
      id
      fullName
      birthDate
      age
      sex
      municipality
      snils
      actualAddress
      registeredAddress
      families {
        id
        categories
        members {
          role
          person {
            id
            fullName
            birthDate
          }
        }
      }
      bankStanding {
        inRegister
        entries {
          includedOn
          basis
          removedOn
        }
      }
      participations {
        id
        agency
        organisationId
        basis
        openedOn
      }
      consents {
        id
        grantees
        categories
        purposes
        provision
        status
        validFrom
        validTo
      }
      cases {
        id
        number
        state
        receivedOn
        checkDue
      }
      education {
        schoolStatus {
          schoolName
          className
          unexcusedAbsences
          failingGrades
          internalRegister
        }
        signals {
          id
          observedAt
          description
          urgency
          status
          reporter {
            organisation
          }
        }
        measures {
          id
          title
          kind
          dueDate
          doneDate
          status
        }
      }
      health {
        status {
          clinicName
          lastCheckupOn
          healthGroup
          disabled
          careConcerns
        }
        signals {
          id
          observedAt
          description
          urgency
          status
        }
        measures {
          id
          title
          kind
          dueDate
          doneDate
          status
        }
      }
      police {
        onJuvenileRegister
        registrations {
          unit
          registeredOn
          reason
          removedOn
        }
        offences {
          kind
          article
          occurredOn
        }
        signals {
          id
          observedAt
          description
          urgency
          status
        }
        measures {
          id
          title
          kind
          dueDate
          doneDate
          status
        }
      }
      social {
        difficultSituations {
          recognisedOn
          endedOn
        }
        supports {
          kind
          from
          to
        }
        signals {
          id
          observedAt
          description
          urgency
          status
        }
        measures {
          id
          title
          kind
          dueDate
          doneDate
          status
        }
      }
      guardianship {
        status {
          status
          since
        }
        inspections {
          actNumber
          inspectedOn
          conclusion
          threatToLifeOrHealth
        }
        signals {
          id
          observedAt
          description
          urgency
          status
        }
        measures {
          id
          title
          kind
          dueDate
          doneDate
          status
        }
      }
    }
  }
`);

import { graphql } from '../../gql';

/** The cases our organisation takes part in: the hub answers only those, with only our programme rows. */
export const OUR_CASES = graphql(`
  query PortalOurCases($first: Int!, $after: String) {
    kdnCasesConnection(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          number
          state
          receivedOn
          checkDue
          childId
          municipality
          child {
            fullName
            age
            redaction {
              category
              reason
              message
            }
          }
          signals {
            agency
            signalId
            organisationId
            observedAt
            status
            urgency
          }
          programme {
            id
            rowNo
            problem
            task
            measure
            executorAgency
            executorOrganisation
            executorOrganisationName
            dueDate
            measureStatus
            doneOn
            overdue
          }
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export const SIGNAL_FATE = graphql(`
  query PortalSignalFate($agency: Agency!, $signalId: ID!) {
    signalFate(agency: $agency, signalId: $signalId) {
      registered
      caseNumber
      receivedOn
      stateCaption
      checkDue
      resolutionNumber
      resolutionDate
      resolutionCaption
      closedOn
      closureCaption
      steps {
        action
        caption
        at
      }
    }
  }
`);

// One mutation per agency: each agency's writes live under its own namespace of the schema.
export const RECORD_EDUCATION_MEASURE = graphql(`
  mutation PortalRecordEducationMeasure($input: RecordMeasureInput!) {
    education {
      recordMeasure(input: $input) {
        id
        title
        status
        dueDate
        doneDate
        programmeRowId
      }
    }
  }
`);

export const RECORD_HEALTH_MEASURE = graphql(`
  mutation PortalRecordHealthMeasure($input: RecordMeasureInput!) {
    health {
      recordMeasure(input: $input) {
        id
        title
        status
        dueDate
        doneDate
        programmeRowId
      }
    }
  }
`);

export const RECORD_POLICE_MEASURE = graphql(`
  mutation PortalRecordPoliceMeasure($input: RecordMeasureInput!) {
    police {
      recordMeasure(input: $input) {
        id
        title
        status
        dueDate
        doneDate
        programmeRowId
      }
    }
  }
`);

export const RECORD_SOCIAL_MEASURE = graphql(`
  mutation PortalRecordSocialMeasure($input: RecordMeasureInput!) {
    social {
      recordMeasure(input: $input) {
        id
        title
        status
        dueDate
        doneDate
        programmeRowId
      }
    }
  }
`);

export const RECORD_GUARDIANSHIP_MEASURE = graphql(`
  mutation PortalRecordGuardianshipMeasure($input: RecordMeasureInput!) {
    guardianship {
      recordMeasure(input: $input) {
        id
        title
        status
        dueDate
        doneDate
        programmeRowId
      }
    }
  }
`);

import { graphql } from '../../gql';

export const JOURNAL = graphql(`
  query PortalJournal($filter: IncomingSignalFilter, $first: Int!, $after: String) {
    incomingSignalsConnection(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
          agency
          signalId
          childId
          observedAt
          sourceKind
          urgency
          status
          indicatorCodes
          reporterOrganisation
          caseId
          caseNumber
          organisation {
            id
            name
          }
          child {
            fullName
            birthDate
            age
            redaction {
              category
              reason
              message
            }
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

export const REGISTER_CASE = graphql(`
  mutation PortalRegisterCase($input: RegisterInJournalInput!) {
    registerSignalInJournal(input: $input) {
      id
      number
      state
      municipality
      receivedOn
      checkDue
      allowedActions
    }
  }
`);

/** The check's due date is the hub's answer (its production calendar and the region's rule), never the browser's sum. */
export const ASSIGN_CHECK = graphql(`
  mutation PortalAssignCheck($caseId: ID!, $agencies: [Agency!]!) {
    assignCheck(caseId: $caseId, agencies: $agencies) {
      id
      number
      state
      municipality
      checkDue
      checkAgencies
      checks {
        dueOn
        organisations {
          id
          name
        }
      }
    }
  }
`);

export const FIND_CHILD = graphql(`
  query PortalFindChild($query: ChildSearchInput!, $first: Int!) {
    searchChildren(query: $query, first: $first) {
      hasMore
      children {
        id
        fullName
        birthDate
        age
        municipality
      }
    }
  }
`);

export const CASES = graphql(`
  query PortalCases($filter: KdnCaseFilter, $first: Int!, $after: String) {
    kdnCasesConnection(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          number
          state
          urgency
          receivedOn
          checkDue
          overdue
          municipality
          childId
          child {
            fullName
            age
            redaction {
              category
              reason
              message
            }
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

export const CASE = graphql(`
  query PortalCase($number: String!) {
    kdnCase(number: $number) {
      id
      number
      state
      municipality
      childId
      receivedOn
      checkDue
      overdue
      allowedActions
      urgency
      sourceKind
      child {
        fullName
        birthDate
        age
        address
        redaction {
          category
          reason
          message
        }
      }
      checks {
        assignedOn
        dueOn
        organisations {
          id
          name
        }
      }
      conclusions {
        kindCaption
        dangerLevel
        organisation {
          name
        }
        recordedOn
        current
        text
      }
      resolutions {
        kindCaption
        number
        date
        curator
        termEndsOn
        current
      }
      programme {
        id
        rowNo
        problem
        task
        measure
        executorAgency
        executorOrganisationName
        dueDate
        measureStatus
        doneOn
        overdue
      }
      history {
        id
        at
        caption
        reason
        actor {
          username
          organisation {
            name
          }
        }
      }
      conclusionDocument {
        fileName
        contentType
        base64
      }
      programmeDocument {
        fileName
        contentType
        base64
      }
    }
  }
`);

export const RECORD_RESOLUTION = graphql(`
  mutation PortalRecordResolution($caseId: ID!, $input: ResolutionInput!) {
    recordResolution(caseId: $caseId, input: $input) {
      id
      number
      state
      resolutionKind
      termEndsOn
    }
  }
`);

export const DUE = graphql(`
  query PortalDue($overdueOnly: Boolean!, $first: Int!) {
    dueItems(overdueOnly: $overdueOnly, first: $first) {
      caseId
      caseNumber
      kind
      agency
      dueOn
      overdue
      rowNo
      provisional
      provisionalReason
      municipality
    }
    dueReminders(first: $first) {
      id
      kind
      caseId
      caseNumber
      dueOn
      message
    }
  }
`);

export const INBOX = graphql(`
  query PortalInbox($after: String, $first: Int!, $unreadOnly: Boolean!) {
    inbox(after: $after, first: $first, unreadOnly: $unreadOnly) {
      notifications {
        id
        cursor
        kind
        caseId
        childId
        message
        createdAt
        read
      }
      endCursor
      hasNextPage
      unreadCount
    }
  }
`);

export const MARK_READ = graphql(`
  mutation PortalMarkRead($upTo: String, $ids: [ID!]) {
    markNotificationsRead(upTo: $upTo, ids: $ids)
  }
`);

export const QUARTERLY_LIST = graphql(`
  query PortalQuarterlyList($municipality: String!, $year: Int!, $quarter: Int!) {
    quarterlyRegisterList(municipality: $municipality, year: $year, quarter: $quarter) {
      from
      to
      headings
      notes
      csv
      xlsxBase64
    }
  }
`);

export const SIGNAL_JOURNAL_EXPORT = graphql(`
  query PortalSignalJournalExport($municipality: String!, $from: LocalDate!, $to: LocalDate!) {
    signalJournal(municipality: $municipality, from: $from, to: $to) {
      title
      form
      csv
      xlsxBase64
    }
  }
`);

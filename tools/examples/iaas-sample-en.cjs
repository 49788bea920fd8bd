// The sample program of the English service management document ("How to Manage Windows Azure Virtual
// Machines using Node.js"), run against the local ASM emulator. Changes from the document, each marked "changed:":
//   - the line that loads the library;
//   - the connection details (subscription id, certificate files, host) and the poll period come from the
//     emulator: `node dist/emulator/cli.js --out <dir>` writes connection.json into <dir>, which
//     ASM_EMULATOR_DIR names; POLL_PERIOD_MS sets the poll period (default 10 s as in the document);
//   - setTimeout(PollComplete(reqid), pollPeriod) passed setTimeout the result of calling PollComplete
//     (undefined), which Node refuses (ERR_INVALID_ARG_TYPE): it now passes a function.
// Run (from the package, after `npm run build`):
//   node dist/emulator/cli.js --out <dir> --state examples/emulator-state.json &
//   NODE_EXTRA_CA_CERTS=<dir>/ca.pem ASM_EMULATOR_DIR=<dir> POLL_PERIOD_MS=1000 node examples/iaas-sample-en.cjs
// emulator-state.json gives the subscription a storage account in West US, where the virtual machine's disks go.
// ('asm-sdk/compat' resolves through the package's "exports": run it from the package, or where it is installed.)

// changed: the library
var IaasClient = require('asm-sdk/compat').IaasClient;
// changed: connection details of the emulator
var emulator = require(require('path').resolve(process.env.ASM_EMULATOR_DIR || 'emulator-out', 'connection.json'));


// specify where certificate files are located
var auth = {
  keyfile : emulator.keyFile, // changed
  certfile : emulator.certFile // changed
}

// names and ids for subscription, service, deployment
var subscriptionId = emulator.subscriptionId; // changed
var serviceName = 'sampleService2';
var deploymentName = 'sampleDeployment';

// poll for completion every 10 seconds
var pollPeriod = Number(process.env.POLL_PERIOD_MS || 10000); // changed

// data used to define deployment and role

var deploymentOptions = {
  DeploymentSlot: 'Staging',
  Label: 'Deployment Label'
}

var osDisk = {
  SourceImageName : 'Win2K8SP1.110809-2000.201108-01.en.us.30GB.vhd',
};

var dataDisk1 = {
  LogicalDiskSizeInGB : 10,
  LUN : 0
};

var provisioningConfigurationSet = {
  ConfigurationSetType: 'ProvisioningConfiguration',
  AdminPassword: 'myAdminPwd1',
  MachineName: 'sampleMach1',
  ResetPasswordOnFirstLogon: false
};

var externalEndpoint1 = {
  Name: 'endpname1',
  Protocol: 'tcp',
  Port: '59919',
  LocalPort: '3395'
};

var networkConfigurationSet = {
  ConfigurationSetType: 'NetworkConfiguration',
  InputEndpoints: [externalEndpoint1]
};

var VMRole = {
  RoleName: 'sampleRole',
  RoleSize: 'Small',
  OSDisk: osDisk,
  DataDisks: [dataDisk1],
  ConfigurationSets: [provisioningConfigurationSet, networkConfigurationSet]
}


// function to show error messages if failed
function showErrorResponse(rsp) {
  console.log('There was an error response from the service');
  console.log('status code=' + rsp.statusCode);
  console.log('Error Code=' + rsp.error.Code);
  console.log('Error Message=' + rsp.error.Message);
}

// polling for completion
function PollComplete(reqid) {
  iaasCli.GetOperationStatus(reqid, function(rspobj) {
    if (rspobj.isSuccessful && rspobj.response) {
      var rsp = rspobj.response;
      if (rsp.Status == 'InProgress') {
        setTimeout(() => PollComplete(reqid), pollPeriod); // changed: pass a function
        process.stdout.write('.');
      } else {
        console.log(rsp.Status);
        if (rsp.HttpStatusCode) console.log('HTTP Status: ' + rsp.HttpStatusCode);
        if (rsp.Error) {      
          console.log('Error code: ' + rsp.Error.Code);
          console.log('Error Message: ' + rsp.Error.Message);
        }
      }
    } else {
      showErrorResponse(rspobj);
    }
  });
}


// create the client object
var iaasCli = new IaasClient(subscriptionId, auth, { host: emulator.host }); // changed: the emulator's host

// create a hosted service.
// if successful, create deployment
// if accepted, poll for completion
iaasCli.CreateHostedService(serviceName, function(rspobj) {
  if (rspobj.isSuccessful) {
    iaasCli.CreateDeployment(serviceName, 
                             deploymentName,
                             VMRole, deploymentOptions,
                              function(rspobj) {
      if (rspobj.isSuccessful) {
      // get request id, and start polling for completion
        var reqid = rspobj.headers['x-ms-request-id'];
        process.stdout.write('Polling');
        setTimeout(() => PollComplete(reqid), pollPeriod); // changed: pass a function
      } else {
        showErrorResponse(rspobj);
      }
    });
  } else {
    showErrorResponse(rspobj);
  }
});

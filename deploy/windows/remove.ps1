<# .SYNOPSIS Stops and removes the EasyTask services (data and logs under C:\ProgramData\EasyTask are kept). #>
$ErrorActionPreference = 'Stop'
foreach ($name in 'EasyTaskAgent', 'EasyTaskScheduler') {
    $service = Get-Service -Name $name -ErrorAction SilentlyContinue
    if ($service) {
        if ($service.Status -ne 'Stopped') { Stop-Service -Name $name }
        sc.exe delete $name | Out-Null
        Write-Host "Removed $name"
    }
}
